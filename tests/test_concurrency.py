"""`fix` under threads and processes, and the same output in every run and process.

- Threads: the model and the tables built from it load lazily on first use, and
  every repair has caches. Eight threads that start together on a cold package
  (model unloaded, every cache empty), with the interpreter switching between
  them as often as it can, must produce exactly what one thread does.
- Processes: a child forked after the parent loaded the model uses the parent's
  copy; a child forked while the parent held the model's lock must not deadlock;
  a spawned child loads its own. All must agree with the parent.
- Determinism: hash randomisation changes the order of sets and of dicts built
  from them; with different PYTHONHASHSEED values the command's output and its
  explanation must be the same bytes. The other Python versions on the machine
  (3.10 to 3.13) are compared too, where they have vnnorm's dependencies.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cold_start import cold_start
from strategies import DAMAGES

import vnnorm
from vnnorm import model

ROOT = Path(__file__).resolve().parents[1]

CLEAN = [
    "Tiếng Việt có dấu, rõ ràng và đúng chính tả.",
    "Plain ASCII text with a question? And an answer.",
    "Straße, café, naïve, España, Köln, Þór, Ðakovo.",
    "Русский текст, ελληνικά, 日本語, 한국어.",
]
SENTENCES = [
    "Nga đã gửi thêm thiết bị, chưa rõ số lượng.",
    "Còn mình thì sao, khi trời mưa to như vậy?",
    "Vui lòng nhập mã sản phẩm và số điện thoại của bạn.",
    "Việt Nam là một quốc gia nằm ở phía đông bán đảo Đông Dương.",
    "Hòa bình, thủy lợi, khỏe mạnh, quý khách.",
]


def _samples() -> list[str]:
    """Damaged text of every family, islands of damage, and clean text."""
    texts = list(CLEAN)
    for family, damage in sorted(DAMAGES.items()):
        for i, sentence in enumerate(SENTENCES):
            texts.append(damage(sentence))
            if i % 2:
                texts.append(f"{sentence}\n{damage(sentence)}\n{CLEAN[i % len(CLEAN)]}")
        texts.append(f"{family}: " + " ".join(damage(s) for s in SENTENCES))
    return texts


SAMPLES = _samples()


def test_cold_start_forgets_the_model() -> None:
    """The reset used below really empties the caches named in the brief."""
    from vnnorm.families import lossy_cp1252

    vnnorm.fix(SAMPLES[-1])
    cold_start()
    assert model._loaded is None
    assert lossy_cp1252._readings.cache_info().currsize == 0


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Make the interpreter switch threads every microsecond, so races show up."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


@pytest.mark.slow
def test_threads_on_a_cold_start_agree_with_one_thread(fast_switching: None) -> None:
    expected = [vnnorm.fix(text) for text in SAMPLES]
    explained = [vnnorm.fix_and_explain(text).changes for text in SAMPLES]
    assert expected != SAMPLES
    for round_ in range(3):
        cold_start()
        barrier = threading.Barrier(8)
        results: dict[int, list[tuple[int, str, Any]]] = {}
        errors: list[BaseException] = []

        def work(
            worker: int,
            round_: int,
            barrier: threading.Barrier,
            results: dict[int, list[tuple[int, str, Any]]],
            errors: list[BaseException],
        ) -> None:
            order = list(range(len(SAMPLES)))
            random.Random(worker * 31 + round_).shuffle(order)
            try:
                barrier.wait()
                found: list[tuple[int, str, Any]] = []
                for i in order:
                    text = SAMPLES[i]
                    if (i + worker) % 3:
                        found.append((i, vnnorm.fix(text), None))
                    else:
                        explanation = vnnorm.fix_and_explain(text)
                        found.append((i, explanation.text, explanation.changes))
                results[worker] = found
            except BaseException as error:  # reported below, with the thread's number
                errors.append(error)

        threads = [
            threading.Thread(target=work, args=(n, round_, barrier, results, errors))
            for n in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not errors, errors
        assert sorted(results) == list(range(8))
        for worker, found in results.items():
            for i, text, changes in found:
                assert text == expected[i], f"thread {worker}, round {round_}: {SAMPLES[i]!r}"
                if changes is not None:
                    assert changes == explained[i], f"thread {worker}: {SAMPLES[i]!r}"


def _pool_results(method: str, texts: list[str]) -> list[str]:
    context = multiprocessing.get_context(method)
    with context.Pool(2) as pool:
        return pool.map(vnnorm.fix, texts, chunksize=8)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_processes_agree_with_the_parent(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method!r} start method on this platform")
    expected = [vnnorm.fix(text) for text in SAMPLES]  # the model is loaded in the parent
    assert model._loaded is not None
    assert _pool_results(method, SAMPLES) == expected


def _fix_in_child(text: str, queue: Any) -> None:
    queue.put(vnnorm.fix(text))


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)
def test_fork_while_the_model_lock_is_held() -> None:
    """A child forked while the parent held the model's lock still loads the model."""
    context = multiprocessing.get_context("fork")
    text = SAMPLES[len(CLEAN)]
    expected = vnnorm.fix(text)
    cold_start()
    queue = context.Queue()
    with model._lock:  # the parent is (as if) in the middle of loading the model
        child = context.Process(target=_fix_in_child, args=(text, queue))
        child.start()
    child.join(timeout=120)
    if child.is_alive():
        child.kill()
        pytest.fail("the forked child deadlocked on the model's lock")
    assert child.exitcode == 0
    assert queue.get(timeout=10) == expected


# --- determinism across runs, hash seeds and interpreters ------------------------------


def _sample_file(directory: Path) -> Path:
    path = directory / "sample.txt"
    path.write_text("\n".join(SAMPLES) + "\n", encoding="utf-8", errors="surrogatepass")
    return path


def _run(python: str, sample: Path, seed: str, *argv: str) -> bytes:
    paths = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "PYTHONHASHSEED": seed,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    run = subprocess.run(
        [python, "-m", "vnnorm", *argv, str(sample)], capture_output=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    return run.stdout


@pytest.mark.slow
def test_output_is_the_same_for_every_hash_seed(tmp_path: Path) -> None:
    sample = _sample_file(tmp_path)
    outputs = {seed: _run(sys.executable, sample, seed, "--explain") for seed in ("0", "4242")}
    # this process runs with yet another seed (random, unless PYTHONHASHSEED is set)
    text = _run(sys.executable, sample, "1")
    assert text == vnnorm.fix(sample.read_text(encoding="utf-8")).encode()
    digests = {seed: hashlib.sha256(out).hexdigest()[:12] for seed, out in outputs.items()}
    assert len(set(outputs.values())) == 1, f"--explain differs between hash seeds: {digests}"


def _interpreters() -> dict[str, str | None]:
    """Other Pythons 3.10 to 3.13, and their Unicode version (None: vnnorm's
    dependencies missing, or the command does not run, as a pyenv shim for a
    version not selected).

    Looked for as python3.X on PATH, and in VNNORM_PYTHONS (paths separated by
    os.pathsep), where CI can name interpreters it has set up with the dependencies.
    """
    mine = f"{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [p for p in os.environ.get("VNNORM_PYTHONS", "").split(os.pathsep) if p]
    for version in ("3.10", "3.11", "3.12", "3.13"):
        python = shutil.which(f"python{version}")
        if python is not None and version != mine:
            candidates.append(python)
    found: dict[str, str | None] = {}
    probe = (
        "import sys, regex, unicodedata2; print(sys.version_info[:2], unicodedata2.unidata_version)"
    )
    for python in candidates:
        run = subprocess.run([python, "-c", probe], capture_output=True, text=True)
        version, _, unicode = run.stdout.strip().rpartition(" ")
        usable = run.returncode == 0 and version != str(sys.version_info[:2])
        found[python] = unicode if usable else None
    return found


@pytest.mark.slow
def test_output_is_the_same_on_every_python_version(tmp_path: Path) -> None:
    """Where another interpreter has the same Unicode data, it must repair identically."""
    import unicodedata2

    found = _interpreters()
    others = [
        python for python, unicode in found.items() if unicode == unicodedata2.unidata_version
    ]
    if not others:
        pytest.skip(
            f"no other Python 3.10-3.13 with regex and unicodedata2 {unicodedata2.unidata_version} "
            f"(tried {sorted(found) or 'none'}; set VNNORM_PYTHONS to name some)"
        )
    sample = _sample_file(tmp_path)
    mine = _run(sys.executable, sample, "0", "--explain")
    for python in others:
        assert _run(python, sample, "0", "--explain") == mine, python
