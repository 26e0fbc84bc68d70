"""Tiny notebook builder for the chapter drafts: md()/code() cells with tags and slide types.

Drafts are kept as Python scripts (build_ch02.py) until they execute under nbval; then a chapter is built
into course/, executed, stripped and committed, and the notebook becomes its source. Notebooks
under course/ are collected by nbval, scripts here are not.
"""
import nbformat as nbf

def cell(kind, src, tags=(), slide="-"):
    src = src.strip("\n")
    c = nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src)
    c.metadata["slideshow"] = {"slide_type": slide}
    if tags:
        c.metadata["tags"] = list(tags)
    return c

def md(src, tags=(), slide="-"):
    return cell("md", src, tags, slide)

def code(src, tags=(), slide="-"):
    return cell("code", src, tags, slide)

def notes(src):
    return cell("md", "**Instructor notes.** " + src.strip(), (), "notes")

def write(path, cells):
    import os
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    nb = nbf.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbf.write(nb, path)
