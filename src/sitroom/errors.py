"""sitroom's exceptions: one root, a few branches. Messages say what to do next.

    SitroomError
     ├── ConfigError          a setting or config file is invalid
     ├── InputError           one input cannot be read (recorded, the run goes on)
     │    ├── EmptyInput
     │    ├── BinaryInput
     │    ├── TooLarge
     │    └── MalformedInput  undecodable bytes, broken HTML/feed/WARC/JSONL
     ├── PipelineError        stages declared in an impossible order, or a stage failed
     ├── StoreError           the store cannot be opened or migrated
     └── ExportError          an export asked for in a way that cannot work (kind, format, filter)

They become exit codes or HTTP errors only at the edges (``cli/``, ``api/``).
"""


class SitroomError(Exception):
    """Root of every error sitroom raises on purpose."""


class ConfigError(SitroomError):
    pass


class InputError(SitroomError):
    """One input could not be turned into an article; the reason is one line."""


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class TooLarge(InputError):
    pass


class MalformedInput(InputError):
    pass


class PipelineError(SitroomError):
    pass


class StoreError(SitroomError):
    pass


class ExportError(SitroomError):
    """An export was asked for in a way that cannot work (unknown kind, format or filter)."""
