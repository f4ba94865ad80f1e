"""``python -m jupyterlab_modelarts.emulator`` / ``modelarts-emulator``: run it standalone.

Binds 127.0.0.1 only and prints the endpoint and the (demo) credentials it
accepts, so a client or a notebook can be pointed at it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from typing import Optional

from .app import Emulator
from .config import EmulatorConfig


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    """Command-line options (every one optional)."""
    parser = argparse.ArgumentParser(
        prog="modelarts-emulator", description="ModelArts v1 training-job API on 127.0.0.1."
    )
    parser.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    parser.add_argument("--data", help="data-set JSON file (default: the built-in demo set)")
    parser.add_argument("--faults", help="JSON file with a list of start-up faults")
    parser.add_argument("--clock-speed", type=float, default=1.0, help="lifecycle time factor")
    parser.add_argument("--kill-delay", type=float, default=1.0, help="seconds from 9 to 12")
    parser.add_argument(
        "--token-lifetime", type=float, default=24 * 3600.0, help="IAM token seconds"
    )
    parser.add_argument(
        "--credential-lifetime", type=float, default=3600.0, help="temporary AK/SK seconds"
    )
    parser.add_argument(
        "--lenient-stop",
        action="store_true",
        help="also accept stops in 1, 2, 4 and 7 (third-party behaviour), not only 8",
    )
    parser.add_argument(
        "--no-v1",
        action="store_true",
        help="serve only the new-version (v2) training API: v1 routes answer 404 APIGW.0101",
    )
    parser.add_argument(
        "--v2-offset-mode",
        choices=("page", "row"),
        default="page",
        help="how the v2 search reads offset: a page index (default) or a row offset",
    )
    return parser.parse_args(argv)


def config_from_args(args: argparse.Namespace) -> EmulatorConfig:
    """An EmulatorConfig for the parsed options."""
    faults = []
    if args.faults:
        with open(args.faults, encoding="utf-8") as handle:
            faults = json.load(handle)
    return EmulatorConfig(
        data_file=args.data,
        faults=faults,
        clock_speed=args.clock_speed,
        kill_delay=args.kill_delay,
        token_lifetime=args.token_lifetime,
        temp_credential_lifetime=args.credential_lifetime,
        stoppable_statuses=frozenset({1, 2, 4, 7, 8} if args.lenient_stop else {8}),
        serve_v1=not args.no_v1,
        v2_offset_mode=args.v2_offset_mode,
    )


def banner(url: str, config: EmulatorConfig) -> str:
    """What the emulator prints at start: endpoint and accepted credentials."""
    return "\n".join(
        [
            f"ModelArts emulator listening on {url}",
            f"  ModelArts endpoint : {url}",
            f"  IAM endpoint       : {url}/v3/auth/tokens",
            f"  metadata endpoint  : {url}/openstack/latest/securitykey",
            f"  admin API          : {url}/_emulator/stats",
            f"  region             : {config.region}",
            f"  project_id         : {config.project_id}",
            f"  access key (AK)    : {config.access_key}",
            f"  secret key (SK)    : {config.secret_key}",
            f"  IAM user / password: {config.username} / {config.password}",
            f"  IAM domain         : {config.domain}",
            "(demo credentials; the emulator only binds 127.0.0.1)",
        ]
    )


async def _serve(config: EmulatorConfig, port: int) -> None:
    emulator = Emulator(config)
    url = emulator.listen(port)
    print(banner(url, config), flush=True)
    await asyncio.Event().wait()  # until interrupted


def main(argv: Optional[list[str]] = None) -> int:
    """Console-script entry point: serve until Ctrl-C."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("jupyterlab_modelarts.emulator").setLevel(logging.DEBUG)  # access log
    try:
        asyncio.run(_serve(config_from_args(args), args.port))
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"modelarts-emulator: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
