"""Issues #10 and #15: compress/decompress throughput, decode memory and side information of the shipped levels, from
real files on CIFAR-10 test[0:1000] (CIFAR10_DIR: a cifar-10-batches-py folder). Each mode in its own process.

    python tools/bench_codec.py speed 1 2 3 4 5 6     # images/s, best of $REPS (default 3) runs of compress then decompress
    WORKERS=2 python tools/bench_codec.py speed 3      # ... with compress/decompress spread over 2 worker processes
    PYTHONPATH=/path/to/other/checkout python tools/bench_codec.py speed 1 3 5   # the same for another build (e.g. a
                                                      # `git worktree` of an older release), for a same-machine comparison
    python tools/bench_codec.py memory many 3         # peak memory of decoding 10,000 files in one call (add 'exact')
    python tools/bench_codec.py memory big 6          # ... of one 2048x2048 image (run it twice: the first writes the file)
    python tools/bench_codec.py side                  # side information: the hyper-latent z coded alone, bpp per level
    python tools/bench_codec.py bound                 # default vs exact=True pixels at every level, both tunings

Memory is the peak resident size above what the process held before the call (after loading the level and a warm-up)."""
import os, sys, time, resource
import numpy as np
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import cifar10_compressai.model as M
from cifar10_compressai.data import load_cifar10

def test_images(n=1000): return load_cifar10(os.environ.get('CIFAR10_DIR'), download=False)[1][0][:n]

def speed(levels):
    x = test_images(); print(M.__file__)
    for q in levels:
        c, w = M.load_pretrained(q), {'workers': int(os.environ['WORKERS'])} if 'WORKERS' in os.environ else {}
        t0 = time.perf_counter(); c.decompress(c.compress(x[:20], **w), **w)
        if w: print(f"{w['workers']} workers started in {time.perf_counter() - t0:.1f} s")
        best = {'compress': 0.0, 'decompress': 0.0}
        for _ in range(int(os.environ.get('REPS', 3))):
            t0 = time.perf_counter(); files = c.compress(x, **w); t1 = time.perf_counter(); c.decompress(files, **w); t2 = time.perf_counter()
            best = {'compress': max(best['compress'], len(x) / (t1 - t0)), 'decompress': max(best['decompress'], len(x) / (t2 - t1))}
        print(q, f'{np.mean([len(f) for f in files]):.1f} bytes', {k: round(v) for k, v in best.items()}, flush=True)

def memory(what, q, exact):
    c, x = M.load_pretrained(q), test_images()
    if what == 'many': files = c.compress(x) * 10
    else:   # 64 x 64 CIFAR test images side by side: a 2048 x 2048 image, compressed by an earlier run of this mode
        path = os.path.join(os.environ.get('TMPDIR', '/tmp'), f'c10-big-id{c.model_id}.c10')   # one per model id: a retrained level writes anew
        if not os.path.exists(path):
            big = np.concatenate([x] * 5)[:4096].reshape(64, 64, 32, 32, 3).transpose(0, 2, 1, 3, 4).reshape(2048, 2048, 3)
            open(path, 'wb').write(c.compress(big)[0]); print('wrote', path, '- run again to measure'); return
        files = [open(path, 'rb').read()]
    c.decompress(c.compress(x[:2]), exact)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter(); c.decompress(files, exact); t = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f'{what} level {q} exact={exact}: {len(files)} files, {t:.2f} s, {max(peak - base, 0) / 1024:.0f} MB above the process before the call')

def side():
    from cifar10_compressai.data import pretrained_qualities
    x = test_images()
    for q in pretrained_qualities():
        c = M.load_pretrained(q); z_tables = c._tables()[0]
        zbits = np.mean([len(z_tables.encode(s.z)) * 32 for s in c.quantized_latents(x)])   # whole 32-bit words: an upper bound
        total = np.mean([len(f) * 8 for f in c.compress(x)])
        print(f'level {q}: z {zbits / 1024:.3f} bpp of {total / 1024:.3f} bpp ({100 * zbits / total:.1f} %)')

def bound():
    from cifar10_compressai.data import TUNINGS, pretrained_qualities
    x = test_images()
    for tune in TUNINGS:
        for q in pretrained_qualities(tune=tune):
            c = M.load_pretrained(q, tune); files = c.compress(x)
            a, b = (np.stack(c.decompress(files, e)).astype(int) for e in (False, True))
            print(tune, q, 'max |default - exact|', np.abs(a - b).max(), 'values differing', int((a != b).sum()), 'of', a.size, flush=True)

if __name__ == '__main__':
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == 'speed': speed([int(a) for a in args])
    elif mode == 'memory': memory(args[0], int(args[1]), 'exact' in args[2:])
    elif mode == 'side': side()
    elif mode == 'bound': bound()
    else: sys.exit(__doc__)
