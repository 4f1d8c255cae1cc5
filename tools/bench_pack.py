"""Issue #12 benchmark: pack and stream throughput on 2 cores for 4,000 and 40,000 CIFAR-10 images (the latter the 4,000
training images repeated), disk size against the raw batches and a PNG folder, peak memory.

Usage (CIFAR10_DIR: a cifar-10-batches-py folder with data_batch_1 of at least 4,000 images; scratch in $C10_BENCH_DIR,
default ~/c10-bench), each step in its own process so that peak memory is per step:
    for n in 4000 40000; do python tools/bench_pack.py pack $n; python tools/bench_pack.py stream $n; done
    python tools/bench_pack.py png 4000"""
import os, sys, time, pickle, resource, tempfile, shutil, json
from pathlib import Path
import numpy as np

def peak_mb(who): return resource.getrusage(who).ru_maxrss / 1024

if __name__ == '__main__':
    mode, n = sys.argv[1], int(sys.argv[2])
    root = Path(os.environ.get('C10_BENCH_DIR', os.path.expanduser('~/c10-bench'))); root.mkdir(parents=True, exist_ok=True)
    src = root/f'src{n}'/'cifar-10-batches-py'; out = root/f'pack{n}'
    if mode == 'pack':
        from cifar10_compressai.data import _read_batch
        if not src.exists():
            src.mkdir(parents=True)
            x, y = _read_batch(Path(os.environ['CIFAR10_DIR'])/'data_batch_1')
            reps = n // len(x); per = n // 5 if n > len(x) else n
            xs = np.concatenate([x] * reps); ys = np.concatenate([y] * reps)
            for b in range(max(1, n // per)):
                with open(src/f'data_batch_{b + 1}', 'wb') as f:
                    pickle.dump({b'data': xs[b * per:(b + 1) * per].transpose(0, 3, 1, 2).reshape(per, -1), b'labels': ys[b * per:(b + 1) * per].tolist()}, f)
        shutil.rmtree(out, ignore_errors=True)
        from cifar10_compressai.dataset import pack
        t = time.time(); m = pack(src, out, progress=False); s = time.time() - t
        raw = sum(p.stat().st_size for p in src.iterdir())
        print(json.dumps({'n': m['images'], 'pack_s': round(s, 1), 'pack_images_s': round(m['images'] / s), 'file_bytes': m['file_bytes'], 'raw_bytes': raw,
                          'raw_ratio': round(raw / m['file_bytes'], 1), 'bpp': m['bpp'], 'parent_peak_mb': round(peak_mb(resource.RUSAGE_SELF)),
                          'worker_peak_mb': round(peak_mb(resource.RUSAGE_CHILDREN))}))
    elif mode == 'stream':
        from cifar10_compressai.dataset import load_packed
        ds = load_packed(out, batch_size=500)
        t = time.time(); count = 0
        for images, labels in ds: count += len(images)
        s = time.time() - t
        print(json.dumps({'n': count, 'stream_s': round(s, 1), 'stream_images_s': round(count / s), 'peak_mb': round(peak_mb(resource.RUSAGE_SELF))}))
    elif mode == 'png':
        from cifar10_compressai.data import _read_batch
        from PIL import Image
        x, _ = _read_batch(Path(os.environ['CIFAR10_DIR'])/'data_batch_1')
        d = Path(tempfile.mkdtemp()); total = 0
        for i, im in enumerate(x[:n]):
            p = d/f'{i}.png'; Image.fromarray(im).save(p); total += p.stat().st_size
        print(json.dumps({'n': n, 'png_bytes': total, 'png_block_bytes': sum(-(-(d/f'{i}.png').stat().st_size // 4096) * 4096 for i in range(n))}))
        shutil.rmtree(d)
