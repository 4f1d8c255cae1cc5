"""Issue #15 probe: a lighter encoder in front of shipped levels 1-3's decoder. The encoder's transforms (analysis and
hyper-analysis) at F filters instead of 64; the synthesis, hyper-synthesis, entropy models and gains copied from the
shipped model and frozen, so every file it writes decodes with the shipped decoder (the same model ids). First the new
transforms learn to reproduce the shipped ones (MSE on y, and on z from the shipped y, at the three levels' gains), then
they train for rate and distortion against the frozen decoder (lambda.bpp + MSE, a level drawn per step). Reports, on
test[0:1000] from real files decoded by the shipped codec, bytes and PSNR against the shipped encoder's, and level 3's
compress speed of both (experiments.md):

    python tools/light_encoder_probe.py F DISTILL_STEPS RD_STEPS [OUT]    # e.g. 32 4000 8000; OUT: ~/c10-runs/encoder-F
"""
import os, sys, time, json, numpy as np
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import tensorflow as tf, keras
from cifar10_compressai.model import load_pretrained, VariableRateCodec
from cifar10_compressai.data import load_cifar10
DECODER_PARTS = ('synthesis_transform', 'hyper_synthesis', 'entropy_bottleneck', 'gaussian_conditional')
ENCODER_PARTS = ('analysis_transform', 'hyper_analysis')
F, DISTILL, RD = (int(a) for a in sys.argv[1:4])
OUT = sys.argv[4] if len(sys.argv) > 4 else os.path.expanduser(f'~/c10-runs/encoder-{F}')
os.makedirs(OUT, exist_ok=True)

shipped = load_pretrained(3)
student = VariableRateCodec.from_config({**shipped.get_config(), 'num_filters': F,
                                         'synthesis_filters': shipped.synthesis_transform.num_filters,
                                         'hyper_synthesis_filters': shipped.hyper_synthesis.num_filters})
for part in DECODER_PARTS: getattr(student, part).set_weights(getattr(shipped, part).get_weights())
student.gain.assign(shipped.gain.numpy()); student.inverse_gain.assign(shipped.inverse_gain.numpy())
assert student.tables_are_current()
encoder_vars = [v for p in ENCODER_PARTS for v in getattr(student, p).trainable_variables]

(train, _), (test, _) = load_cifar10(os.environ.get('CIFAR10_DIR'), download=False)
train, test = np.concatenate([train, train[:, :, ::-1]]), test[:1000]
xtr = train.astype('float32') / 255.0
gains = shipped.gain.numpy()                                    # (3, C)
y_old = np.concatenate([shipped.analysis_transform(xtr[i:i + 500]).numpy() for i in range(0, len(xtr), 500)])
z_old = np.stack([np.concatenate([shipped.hyper_analysis(y_old[i:i + 500] * g).numpy() for i in range(0, len(y_old), 500)]) for g in gains])
rng = np.random.default_rng(F)
log = []

def optimizer(steps, lr):
    opt = keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(lr, steps, alpha=0.01), global_clipnorm=1.0)
    opt.build(encoder_vars); return opt

opt = optimizer(DISTILL, 1e-3)
@tf.function
def distill_step(x, y, yg, z):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(student.analysis_transform(x) - y)) + tf.reduce_mean(tf.square(student.hyper_analysis(yg) - z))
    opt.apply(tape.gradient(loss, encoder_vars), encoder_vars)
    return loss
t0, run = time.time(), 0.0
for i in range(DISTILL):
    idx, lv = rng.integers(0, len(xtr), 32), rng.integers(0, 3)
    run += float(distill_step(xtr[idx], y_old[idx], y_old[idx] * gains[lv], z_old[lv, idx]))
    if (i + 1) % 1000 == 0: print(f'distill {i + 1}: MSE {run / 1000:.4f}, {time.time() - t0:.0f} s', flush=True); log.append(('distill', i + 1, run / 1000)); run = 0.0
distill_seconds = time.time() - t0

lmbdas = np.array(shipped.lmbdas, 'float32')
opt2 = optimizer(max(RD, 1), 1e-4)
@tf.function
def rd_step(x, level):
    with tf.GradientTape() as tape:
        out = student(x, training=True, level=level)
        bpp = -sum(tf.reduce_sum(tf.math.log(l)) for l in out['likelihoods']) / (np.log(2.0) * 32 * 32 * 32)
        loss = tf.gather(lmbdas, level) * bpp + tf.reduce_mean(tf.square((out['x_hat'] - x) * 255.0))
    opt2.apply(tape.gradient(loss, encoder_vars), encoder_vars)
    return loss
t0, run = time.time(), 0.0
for i in range(RD):
    run += float(rd_step(xtr[rng.integers(0, len(xtr), 32)], tf.constant(int(rng.integers(0, 3)))))
    if (i + 1) % 1000 == 0: print(f'rd {i + 1}: loss {run / 1000:.2f}, {time.time() - t0:.0f} s', flush=True); log.append(('rd', i + 1, run / 1000)); run = 0.0
rd_seconds = time.time() - t0

def psnr(a, b): return float(np.mean(10 * np.log10(255.0 ** 2 / np.mean((np.asarray(a, np.float64) - b) ** 2, axis=(1, 2, 3)))))
def compress_rate(codec):
    codec.compress(test[:300]); best = 1e9
    for _ in range(5):
        t = time.perf_counter(); codec.compress(test); best = min(best, time.perf_counter() - t)
    return len(test) / best
res = {'filters': F, 'distill_steps': DISTILL, 'rd_steps': RD, 'distill_seconds': distill_seconds, 'rd_seconds': rd_seconds, 'log': log, 'levels': []}
for level in shipped.levels:
    shipped.model_id = student.model_id = level
    ours, theirs = student.compress(test), shipped.compress(test)
    res['levels'].append({'level': level, 'bytes_light': float(np.mean([len(f) for f in ours])), 'bytes_shipped': float(np.mean([len(f) for f in theirs])),
                          'psnr_light': psnr(shipped.decompress(ours), test), 'psnr_shipped': psnr(shipped.decompress(theirs), test)})
    print(res['levels'][-1], flush=True)
shipped.model_id = student.model_id = shipped.levels[-1]
res['compress_light'], res['compress_shipped'] = compress_rate(student), compress_rate(shipped)
print(json.dumps({k: v for k, v in res.items() if k != 'log'}, indent=1))
json.dump(res, open(f'{OUT}/result.json', 'w'), indent=1)
student.save(f'{OUT}/model.keras')
