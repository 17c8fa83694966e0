"""The resolver `info` type for fields declared in schema/.

The alias lives beside the request Context in resolvers/core/context.py; schema/ may not import
resolvers/ at run time (the layer contract), so the type checker sees the typed alias and
Strawberry sees its own Info, which is the same class at run time.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from resolvers.core.context import Info as Info
else:
    from strawberry import Info as Info
