"""Every rule of who may see or change what in VSTB (deny by default).

One module per object type; views, services, commands and the API load objects and ask
questions through these modules and never read role grants themselves.
"""
