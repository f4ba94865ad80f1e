"""``python -m jupyterlab_modelarts doctor [--json]``: the same as ``jupyter modelarts doctor``."""

from .doctor import main

raise SystemExit(main())
