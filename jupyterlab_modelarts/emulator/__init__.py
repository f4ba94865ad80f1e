"""ModelArts v1 on loopback: training-job routes, gateway auth, IAM, metadata, faults.

```python
from jupyterlab_modelarts.emulator import EmulatorConfig, Emulator, run_in_thread

emu = Emulator(EmulatorConfig())    # on a running loop: url = emu.listen(port=0)
handle = run_in_thread()            # own thread: handle.url, handle.config, handle.stop()
```

See ``admin.py`` for the ``/_emulator/`` test-control API and ``store.py`` for
the data-set format.
"""

from .app import Emulator, ThreadedEmulator, run_in_thread
from .config import EmulatorConfig
from .control import AdminClient

__all__ = ["AdminClient", "Emulator", "EmulatorConfig", "ThreadedEmulator", "run_in_thread"]
