"""Reading a positions file: one module per job, in the order the pipeline runs them.

- files: which file, capped reads, regular-file checks, sources kept inside the project;
- git: files at `git:REV`;
- yaml_guard: decode, scan the events, compose, build plain data; lines as editors count;
- locate: a location in the data to FILE:LINE:COL;
- messages: pydantic's errors in the file's own words;
- checks: ids, duplicates, files and quotes (pure: diagnostics plus the evidence index);
- pipeline: the stages in order (load_bytes, load_path, load_stdin, load_file, plain_data);
- result: LoadResult and its evidence index.

Import from the submodules. Nothing is imported here: the dashboard imports
tui.loader.files before its first frame, and pydantic must not come with it.
"""
