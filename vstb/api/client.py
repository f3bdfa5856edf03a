"""A small client of VSTB's API, in Python's standard library only: copy this file to the
machine of another system (a statistics office, a province's document system) and run it.

    export VSTB_URL=https://vstb.example.gov.vn VSTB_TOKEN=vstb_…   # the token from "API tokens"
    python client.py pull-figures 12 --from 2025 --to 2025 --out ha-noi-2025.json
    python client.py add-activity 34 hoat-dong.json
    python client.py open-report 7 --unit 34            # prints the report, with its id
    python client.py save-report 51 so-lieu.json        # {"figures": {"BL": {"total": 3}}, …}
    python client.py submit 51

The token is read from VSTB_TOKEN rather than the command line, where other users of the
machine could see it. What the API refuses is printed as it explains it (in Vietnamese
unless VSTB_LANGUAGE=en) and the command exits with status 1. Everything the API offers is
described at /api/v1/docs.
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

FORMATS = ("dataValueSets", "adx", "sdmx")


class ApiError(Exception):
    pass


class Client:
    def __init__(self, url: str, token: str, language: str = "vi"):
        self.base = url.rstrip("/") + "/api/v1"
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": language}

    def call(self, method: str, path: str, body: Any = None) -> bytes:
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base + path, data, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise ApiError(f"{error.code}: {_detail(error.read())}") from None
        except urllib.error.URLError as error:
            raise ApiError(f"{self.base}: {error.reason}") from None

    def json(self, method: str, path: str, body: Any = None) -> Any:
        return json.loads(self.call(method, path, body))


def _detail(raw: bytes) -> str:
    try:
        body = json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")[:500]
    if isinstance(body, dict) and "detail" in body:
        return str(body["detail"])
    return json.dumps(body, ensure_ascii=False)


def pull_figures(client: Client, args) -> Any:
    path = f"/units/{args.unit}/{args.format}?start_year={args.start}&end_year={args.end}"
    content = client.call("GET", path)
    if args.out:
        with open(args.out, "wb") as file:
            file.write(content)
        return {"saved": args.out, "bytes": len(content)}
    sys.stdout.buffer.write(content)
    return None


def add_activity(client: Client, args) -> Any:
    return client.json("POST", f"/units/{args.unit}/activities", _read(args.file))


def open_report(client: Client, args) -> Any:
    reporter = {"unit_id": args.unit} if args.unit else {"agency_id": args.agency}
    return client.json("POST", f"/requirements/{args.requirement}/reports", reporter)


def save_report(client: Client, args) -> Any:
    """The figures and narrative of the file over the report as it stands now (the version
    read just before: a save by someone else in between is refused, not overwritten)."""
    content = _read(args.file)
    version = client.json("GET", f"/reports/{args.report}")["version"]
    return client.json("PUT", f"/reports/{args.report}", {**content, "version": version})


def submit(client: Client, args) -> Any:
    version = client.json("GET", f"/reports/{args.report}")["version"]
    return client.json("POST", f"/reports/{args.report}/submit", {"version": version})


def _read(path: str) -> Any:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(description="VSTB API client (VSTB_URL, VSTB_TOKEN).")
    commands = main.add_subparsers(dest="command", required=True)

    pull = commands.add_parser("pull-figures", help="A unit's figures and those below it.")
    pull.add_argument("unit", type=int)
    pull.add_argument("--from", dest="start", type=int, required=True)
    pull.add_argument("--to", dest="end", type=int, required=True)
    pull.add_argument("--format", choices=FORMATS, default="dataValueSets")
    pull.add_argument("--out", help="Write to this file instead of the screen.")
    pull.set_defaults(run=pull_figures)

    activity = commands.add_parser("add-activity", help="Record an activity from a JSON file.")
    activity.add_argument("unit", type=int)
    activity.add_argument("file")
    activity.set_defaults(run=add_activity)

    opening = commands.add_parser("open-report", help="Open a unit's or agency's report.")
    opening.add_argument("requirement", type=int)
    reporter = opening.add_mutually_exclusive_group(required=True)
    reporter.add_argument("--unit", type=int)
    reporter.add_argument("--agency", type=int)
    opening.set_defaults(run=open_report)

    save = commands.add_parser("save-report", help="Save figures and narrative from JSON.")
    save.add_argument("report", type=int)
    save.add_argument("file")
    save.set_defaults(run=save_report)

    sending = commands.add_parser("submit", help="Send the report to the unit that asked.")
    sending.add_argument("report", type=int)
    sending.set_defaults(run=submit)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    url, token = os.environ.get("VSTB_URL", ""), os.environ.get("VSTB_TOKEN", "")
    if not url or not token:
        print("Hãy đặt VSTB_URL và VSTB_TOKEN trước (set them first).", file=sys.stderr)
        return 2
    client = Client(url, token, os.environ.get("VSTB_LANGUAGE", "vi"))
    try:
        result = args.run(client, args)
    except ApiError as error:
        print(error, file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"{error}", file=sys.stderr)
        return 1
    if result is not None:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
