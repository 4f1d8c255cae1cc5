"""Real-browser check of the explorer in 04_evaluate: JupyterLab + Playwright driving a Chromium.

Starts JupyterLab on a free localhost port over a scratch folder holding a one-cell notebook that shows
`explorer(sample_images()[:8])` (the shipped levels), runs the cell in the browser, waits for the panel's
picture, moves the image slider with the keyboard and asserts that the picture and its caption change.
Screenshots of both states go to --out.

Exit status: 0 passed, 1 failed, 77 skipped (no Playwright or no Chromium here; the message says which).
The browser is Debian's `chromium` (or $C10_CHROMIUM); Playwright's own browser download is not needed.

    python tools/browser_check.py --out /tmp/c10-browser
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SKIP = 77
CELL = """from cifar10_compressai.evaluate import explorer
from cifar10_compressai.data import sample_images
explorer(sample_images()[:8], with_lpips=False)"""


def find_chromium():
    for name in (os.environ.get('C10_CHROMIUM'), 'chromium', 'chromium-browser', 'google-chrome'):
        if name and shutil.which(name): return shutil.which(name)
    return None


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def wait_for_server(url, proc, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None: raise RuntimeError(f'JupyterLab exited with status {proc.returncode}')
        try:
            with urllib.request.urlopen(url, timeout=2): return
        except OSError: time.sleep(0.5)
    raise TimeoutError(f'JupyterLab did not answer at {url} within {timeout} s')


def write_notebook(folder):
    nb = {'cells': [{'cell_type': 'code', 'execution_count': None, 'id': 'explorer', 'metadata': {}, 'outputs': [],
                     'source': CELL.splitlines(True)}],
          'metadata': {'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'}},
          'nbformat': 4, 'nbformat_minor': 5}
    (folder/'explorer.ipynb').write_text(json.dumps(nb))


def check(page, out):
    "Run the cell, read the picture, move the slider, read it again."
    page.wait_for_selector('.jp-Notebook .jp-Cell .cm-content', timeout=60_000)
    # a cell run before the kernel is connected can be dropped: wait until the status bar says the kernel is idle
    page.wait_for_function("document.body.innerText.includes('| Idle')", timeout=120_000)
    prompt = page.locator('.jp-Notebook .jp-Cell').first.locator('.jp-InputPrompt')
    for attempt in range(3):
        page.locator('.jp-Notebook .jp-Cell').first.locator('.cm-content').click()
        page.keyboard.press('Control+Enter')   # run the cell, stay on it
        try:
            page.wait_for_function("(el) => el.innerText.includes('*') || /\\d/.test(el.innerText)", arg=prompt.element_handle(), timeout=20_000)
            break
        except Exception:
            if attempt == 2: raise
    picture = page.wait_for_selector('.jp-OutputArea-output img.widget-image', timeout=300_000)
    caption = page.locator('.jp-OutputArea-output .widget-label', has_text='bytes').first
    page.wait_for_function("document.querySelector('.jp-OutputArea-output img.widget-image').naturalWidth > 0", timeout=60_000)
    first_src, first_caption = picture.get_attribute('src'), caption.inner_text()
    page.screenshot(path=str(out/'explorer_first.png'), full_page=True)
    print(f'first state: {first_caption}')
    if not first_caption.startswith('ours, level'): raise AssertionError(f'the explorer does not show a shipped level: {first_caption!r}')
    handle = page.locator('.jp-OutputArea-output .widget-slider .noUi-handle').first
    handle.focus(); page.keyboard.press('ArrowRight')
    page.wait_for_function(f"document.querySelector('.jp-OutputArea-output img.widget-image').src !== {json.dumps(first_src)}",
                           timeout=60_000)
    page.wait_for_function("document.querySelector('.jp-OutputArea-output img.widget-image').naturalWidth > 0", timeout=60_000)
    second_caption = caption.inner_text()
    page.screenshot(path=str(out/'explorer_moved.png'), full_page=True)
    print(f'after moving the slider: {second_caption}')
    slider_value = page.locator('.jp-OutputArea-output .widget-readout').first.inner_text()
    if slider_value.strip() != '1': raise AssertionError(f'the slider reads {slider_value!r}, expected 1')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', default=None, help='folder for the screenshots (default: a new temporary folder)')
    args = ap.parse_args()
    try: from playwright.sync_api import sync_playwright
    except ImportError:
        print('browser check skipped: Playwright is not installed (pip install playwright)'); return SKIP
    chromium = find_chromium()
    if chromium is None:
        print('browser check skipped: no Chromium found (apt-get install chromium, or set C10_CHROMIUM)'); return SKIP
    out = Path(args.out or tempfile.mkdtemp(prefix='c10-browser-')); out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix='c10-lab-')); write_notebook(root)
    port = free_port()
    lab = subprocess.Popen([sys.executable, '-m', 'jupyterlab', '--no-browser', '--allow-root', f'--port={port}',
                            '--ServerApp.ip=127.0.0.1', "--IdentityProvider.token=", '--ServerApp.password=',
                            f'--ServerApp.root_dir={root}', '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
                           stdout=open(out/'jupyterlab.log', 'w'), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_server(f'http://127.0.0.1:{port}/api', lab)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=['--no-sandbox'])
            page = browser.new_page(viewport={'width': 1280, 'height': 900})
            page.goto(f'http://127.0.0.1:{port}/lab/tree/explorer.ipynb')
            try: check(page, out)
            except Exception:
                page.screenshot(path=str(out/'explorer_failure.png'), full_page=True); raise
            finally: browser.close()
        print(f'browser check passed; screenshots in {out}')
        return 0
    except Exception as e:
        print(f'browser check FAILED: {type(e).__name__}: {e} (screenshots and jupyterlab.log in {out})')
        return 1
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try: lab.wait(timeout=20)
        except subprocess.TimeoutExpired: os.killpg(lab.pid, signal.SIGKILL)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
