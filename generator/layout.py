"""What the template is made of: the paths, relative to the repository root, that rendering reads.

The snapshot of a template version (``template_cache.py``), the wheel (``hatch_build.py`` packs them
as ``generator/_template/``) and the tests' snapshot of the working tree all take these, and only these.
Standard library only and import-free: ``hatch_build.py`` loads it by file path.
"""

TEMPLATE_PATHS = ("copier.yml", "templates", "generator")
