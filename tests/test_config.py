"""Configuration files, per-file ignores, include/exclude, house style, and `lintkit config`."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from click.testing import CliRunner

from lintkit.cli import main

BAD = "Talks resume\n\nThe talks resumed in the world. the air was cold. Mr Lavrov left. Mr. Lavrov spoke.\n"


def cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout, r.stderr


def rules_in(out: str) -> set[str]:
    return {f["rule"] for f in json.loads(out)}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.lintkit]\nignore = ["MT001"]\n')
    article = write(tmp_path / "desk" / "wire" / "a.txt", BAD)
    assert rules_in(cli("check", "--format", "json", str(article))[1]) == {"ST001"}


def test_nearest_file_wins_and_dotfile_beats_plain(tmp_path: Path) -> None:
    write(tmp_path / "lintkit.toml", 'ignore = ["MT001"]\n')
    write(tmp_path / "desk" / "lintkit.toml", 'ignore = ["ST001"]\n')
    write(tmp_path / "desk" / ".lintkit.toml", 'select = ["ST"]\n')
    inner = write(tmp_path / "desk" / "a.txt", BAD)
    outer = write(tmp_path / "b.txt", BAD)
    assert rules_in(cli("check", "--format", "json", str(inner))[1]) == {"ST001"}
    assert rules_in(cli("check", "--format", "json", str(outer))[1]) == {"ST001"}


def test_command_line_overrides_configuration(tmp_path: Path) -> None:
    write(tmp_path / "lintkit.toml", 'select = ["ST"]\nfail-on = "error"\n')
    article = write(tmp_path / "a.txt", BAD)
    code, out, _ = cli("check", "--format", "json", "--select", "MT001", str(article), cwd=tmp_path)
    assert rules_in(out) == {"MT001"}
    assert code == 0  # fail-on = error from the configuration; MT001 is a warning
    assert cli("check", "--fail-on", "warning", "--select", "MT001", str(article), cwd=tmp_path)[0] == 1
    assert rules_in(cli("check", "--format", "json", "--isolated", str(article))[1]) == {"MT001", "ST001"}


def test_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path / "lintkit.toml", '[per-file-ignores]\n"archive/**" = ["MT"]\n"*.wire.txt" = ["ST001"]\n')
    old = write(tmp_path / "archive" / "2019" / "a.txt", BAD)
    wire = write(tmp_path / "b.wire.txt", BAD)
    assert rules_in(cli("check", "--format", "json", str(old))[1]) == {"ST001"}
    assert rules_in(cli("check", "--format", "json", str(wire))[1]) == {"MT001"}


def test_include_and_exclude_when_searching_folders(tmp_path: Path) -> None:
    write(tmp_path / "lintkit.toml", 'include = ["*.txt", "*.story"]\nexclude = ["drafts"]\n')
    write(tmp_path / "a.story", BAD)
    write(tmp_path / "b.txt", BAD)
    write(tmp_path / "c.md", BAD)
    write(tmp_path / "drafts" / "d.txt", BAD)
    out = cli("check", "--format", "json", str(tmp_path))[1]
    assert {Path(f["path"]).name for f in json.loads(out)} == {"a.story", "b.txt"}
    drafted = tmp_path / "drafts" / "d.txt"
    assert json.loads(cli("check", "--format", "json", str(drafted))[1])  # named files are checked
    assert cli("check", "--format", "json", "--force-exclude", str(drafted))[1].strip() == "[]"


def test_house_style_prefers_a_variant(tmp_path: Path) -> None:
    write(tmp_path / "lintkit.toml", '[house-style]\nhonorific-period = "Mr"\n')
    article = write(tmp_path / "a.txt", "Talks\n\nMr. Lavrov left. Mr. Lavrov spoke. Mr Lavrov smiled.\n")
    out = json.loads(cli("check", "--format", "json", "--select", "ST", str(article))[1])
    assert [f["text"] for f in out] == ["Mr.", "Mr."]


def test_unknown_key_and_unknown_code_name_the_file(tmp_path: Path) -> None:
    config = write(tmp_path / "lintkit.toml", 'selct = ["MT"]\n')
    article = write(tmp_path / "a.txt", BAD)
    code, _, err = cli("check", str(article))
    assert code == 2 and f"{config}:1: unknown key 'selct' (did you mean 'select'?)" in err
    write(tmp_path / "lintkit.toml", 'fail-on = "warning"\nignore = ["MT0001"]\n')
    code, _, err = cli("check", str(article))
    assert code == 2 and f"{config}:2: ignore: 'MT0001' matches no rule" in err
    write(tmp_path / "lintkit.toml", "ignore = [\n")
    code, _, err = cli("check", str(article))
    assert code == 2 and "invalid TOML" in err and "Traceback" not in err


def test_config_command_prints_the_resolved_configuration(tmp_path: Path) -> None:
    config = write(
        tmp_path / ".lintkit.toml", 'ignore = ["MT004"]\ndate = 2022-01-12\nknowledge = ["kb.yaml"]\n'
    )
    code, out, _ = cli("config", str(tmp_path))
    data = json.loads(out)
    assert code == 0
    assert data["file"] == str(config)
    assert data["ignore"] == ["MT004"] and data["date"] == "2022-01-12"
    assert data["knowledge"] == [str(tmp_path.resolve() / "kb.yaml")]


def test_paths_relative_to_a_configuration_are_worked_out_on_strings_as_pathlib_would(tmp_path: Path) -> None:
    """Config.relative and Config.excludes read an ordinary file below the configuration's
    folder from strings; the answers are pathlib's, for files through linked folders,
    outside the folder, linked files and folders."""
    from lintkit.config import forget, load_config
    from lintkit.paths import real

    (tmp_path / "proj" / "drafts" / "node_modules").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    config_file = tmp_path / "proj" / ".lintkit.toml"
    config_file.write_text('exclude = ["drafts/*.md"]\n', encoding="utf-8")
    files = ["proj/a.txt", "proj/drafts/b.md", "proj/drafts/node_modules/c.txt", "outside/d.txt"]
    for f in files:
        (tmp_path / f).write_text("x", encoding="utf-8")
    (tmp_path / "proj" / "via").symlink_to(tmp_path / "proj" / "drafts")
    (tmp_path / "proj" / "e.txt").symlink_to(tmp_path / "outside" / "d.txt")
    forget()
    config = load_config(config_file)
    root = real(config.root)
    for f in [*files, "proj/via/b.md", "proj/e.txt", "proj/drafts"]:
        path = tmp_path / f
        try:
            expected = PurePosixPath(real(path).relative_to(root)).as_posix()
        except ValueError:
            expected = path.as_posix()
        assert config.relative(path) == expected, f
    assert [config.excludes(tmp_path / f) for f in files] == [False, True, True, False]
    assert config.excludes(tmp_path / "proj" / "via" / "b.md")


def test_a_folders_file_filter_selects_as_include_and_exclude_do(tmp_path: Path, monkeypatch) -> None:
    """`Config.file_filter` works a folder's part of include/exclude out once for all its
    files: for every file it must say what `includes` and not `excludes` say, in folders
    below the configuration's folder and elsewhere, through a linked folder, with globs on
    names, on paths and on `**/`."""
    from lintkit.config import Config

    root, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    folders = [root, root / "desk", root / "desk" / "old", root / "build" / "x", root / "sub.d",
               elsewhere, elsewhere / "desk", elsewhere / "drafts" / "2020"]  # fmt: skip
    names = ["a.txt", "b.story", "c.md", "draft-1.txt", "old.txt", "x.TXT", ".hidden.txt", "d e.txt"]
    for folder in folders:
        for name in names:
            write(folder / name, "Talks\n\nText.\n")
    (root / "linked").symlink_to(root / "desk", target_is_directory=True)
    folders.append(root / "linked")
    configs = [
        Config(root=root),
        Config(root=root, include=("*.txt", "*.story"), exclude=("draft-*", "old")),
        Config(root=root, include=("desk/*.txt",), exclude=("**/old/*",)),
        Config(root=root, include=("**/*.md", "*.story"), exclude=("desk/old", "sub.d")),
        Config(root=root, exclude=("drafts", "*.txt")),
    ]
    for cwd in (tmp_path, root, elsewhere / "desk"):
        monkeypatch.chdir(cwd)
        for config in configs:
            for folder in folders:
                for given in (folder, Path(os.path.relpath(folder, cwd))):
                    selected = config.file_filter(given)
                    if selected is None:  # a path through "..": the caller asks file by file
                        assert ".." in given.parts
                        continue
                    for name in names:
                        f = given / name
                        expected = config.includes(f) and not config.excludes(f)
                        assert selected(name) == expected, (config, cwd, given, name)
    assert Config(root=root).file_filter(Path("a/../b")) is None
