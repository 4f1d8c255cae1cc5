"""Issue #15 probe: how much PSNR does a narrower synthesis transform lose behind shipped levels 1-3's encoder
(analysis, hyperprior and gains frozen, so the files do not change)? Trains SynthesisTransform(F) from scratch on the
decoded latents of the CIFAR-10 training images in CIFAR10_DIR (and their mirror images) at the three levels, MSE to the
originals, and reports PSNR on test[0:1000] decoded from the same real files, against the shipped decoder, and the
synthesis speed (experiments.md, "A lighter synthesis behind the same encoder"). One thread is enough:

    TF_NUM_INTRAOP_THREADS=1 python tools/light_synthesis_probe.py F STEPS [OUT]    # e.g. 32 36000; OUT: ~/c10-runs/light-F
    python tools/light_synthesis_probe.py speed       # synthesis images/s and multiply-adds of widths 64, 48, 32, 24 (2 cores)
"""
import os, sys, time, json, numpy as np
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import tensorflow as tf, keras
from cifar10_compressai.model import load_pretrained, SynthesisTransform, float32_synthesis, tiled_synthesis
TRAIN_IMAGES = 4000   # the first training images (the partial set's all): with mirrors and 3 levels, 24,000 latents

def synthesis_rate(transform, y, repeats=5):
    "images/s of the default float32 decode path of `transform` on latents `y`, best of `repeats` runs"
    fast = float32_synthesis(transform); tiled_synthesis(fast, y[:64])   # warm-up
    best = 1e9
    for _ in range(repeats):
        t = time.perf_counter(); tiled_synthesis(fast, y); best = min(best, time.perf_counter() - t)
    return len(y) / best

if sys.argv[1] == 'speed':
    y = np.random.default_rng(0).normal(0, 3, (1000, 8, 8, 64)).astype('float32')
    for F in (64, 48, 32, 24):
        transform = SynthesisTransform(F); transform(y[:1])   # weights made: random, the speed is the same
        rate = synthesis_rate(transform, y)
        macs = 8*8*F*64*25 + 8*8*F*F + 16*16*F*F*25/4 + 16*16*F*F + 32*32*3*F*25/4   # per 32x32 image, 64 latent channels
        print(f'F={F}: {macs / 1e6:.1f} M multiply-adds, synthesis {rate:,.0f} images/s')
    sys.exit()
F, STEPS = int(sys.argv[1]), int(sys.argv[2]); OUT = sys.argv[3] if len(sys.argv) > 3 else os.path.expanduser(f'~/c10-runs/light-{F}')
os.makedirs(OUT, exist_ok=True)
from cifar10_compressai.data import load_cifar10
(train, _), (test, _) = load_cifar10(os.environ.get('CIFAR10_DIR'), download=False)
train = train[:TRAIN_IMAGES]
train, test = np.concatenate([train, train[:, :, ::-1]]), test[:1000]
def latents(codec, images):
    "the synthesis input the decoder builds from real files"
    files = codec.compress(images)
    return np.concatenate([codec._latent_values([s for _, s in codec.decode_latents(files[i:i + 1024])]) for i in range(0, len(files), 1024)]).astype('float32'), files
cache = f'{OUT}/latents.npz'
if os.path.exists(cache):
    z = np.load(cache); ytr, yte = z['ytr'], z['yte']; teacher = z['teacher']; bytes_ = z['bytes']
else:
    ytr, yte, teacher, bytes_ = [], [], [], []
    for q in (1, 2, 3):
        c = load_pretrained(q)
        a, _ = latents(c, train); b, files = latents(c, test)
        ytr.append(a); yte.append(b); teacher.append(np.stack(c.decompress(files))); bytes_.append(np.mean([len(f) for f in files]))
    ytr, yte, teacher, bytes_ = np.stack(ytr), np.stack(yte), np.stack(teacher), np.array(bytes_)
    np.savez(cache, ytr=ytr, yte=yte, teacher=teacher, bytes=bytes_)
print('latents', ytr.shape, yte.shape, flush=True)
def psnr(a, b): return float(np.mean(10 * np.log10(255.0 ** 2 / np.mean((a.astype(np.float64) - b) ** 2, axis=(1, 2, 3)))))
student = SynthesisTransform(F); student(ytr[0, :2])
sched = keras.optimizers.schedules.CosineDecay(1e-3, STEPS, alpha=0.01)
opt = keras.optimizers.Adam(sched, global_clipnorm=1.0); opt.build(student.trainable_variables)
xtr = train.astype('float32') / 255.0
@tf.function
def step(y, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(student(y) - x)) * 255.0 ** 2
    opt.apply(tape.gradient(loss, student.trainable_variables), student.trainable_variables)
    return loss
rng = np.random.default_rng(F)
t0 = time.time(); run = 0
for i in range(STEPS):
    lv = rng.integers(0, 3, 32); idx = rng.integers(0, len(xtr), 32)
    run += float(step(tf.constant(ytr[lv, idx]), tf.constant(xtr[idx])))
    if (i + 1) % 2000 == 0: print(f'step {i + 1}: train MSE {run / 2000:.2f}, {time.time() - t0:.0f} s', flush=True); run = 0
res = {'filters': F, 'steps': STEPS, 'train_seconds': time.time() - t0, 'levels': []}
fast = float32_synthesis(student)
for k, q in enumerate((1, 2, 3)):
    out = np.clip(np.round(tiled_synthesis(fast, yte[k]) * 255.0), 0, 255)
    res['levels'].append({'level': q, 'bytes': float(bytes_[k]), 'psnr_student': psnr(out, test), 'psnr_shipped': psnr(teacher[k], test)})
res['synthesis_images_per_s'] = synthesis_rate(student, yte[0])
print(json.dumps(res, indent=1)); json.dump(res, open(f'{OUT}/result.json', 'w'), indent=1)
