"""Two decoders behind one encoder, compared on the same files (issue #15: a lighter synthesis must not lose PSNR, on
CIFAR-10 or elsewhere). OLD and NEW are weights files (.keras) whose encoders are equal (`same_files`), so every image
has one file; the script decodes it with both and prints PSNR per level on: CIFAR-10 test[0:1000] (from CIFAR10_DIR),
32x32 tiles of the two photographs on this machine (matplotlib's grace_hopper.jpg, the Rust embedded book's f3.jpg,
downscaled 4, 6 and 8 times, tiled without overlap) and a 512x512 crop of grace_hopper.jpg (a large image: tiled
synthesis, interior latent positions):

    python tools/decoder_check.py OLD.keras NEW.keras     # e.g. release 0.9.0's levels 1-3 against 0.10.0's: git show
                                                          # 77e04c9:cifar10_compressai/weights/levels8-9-10.keras > old.keras, f3c359a:… > new.keras
    python tools/decoder_check.py webp     # the shipped PSNR levels 1-6 against WebP m6 on the photo tiles: BD-rate
"""
import glob, os, sys
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np, keras
from PIL import Image
from cifar10_compressai.data import load_cifar10
from cifar10_compressai.train import same_files

def photo_tiles():
    "32x32 tiles (uint8) of the two photographs, each downscaled by 4, 6 and 8."
    import matplotlib.cbook
    paths = [matplotlib.cbook.get_sample_data('grace_hopper.jpg', asfileobj=False)]
    paths += sorted(glob.glob(os.path.expanduser('~/.rustup/toolchains/*/share/doc/rust/html/embedded-book/assets/f3.jpg')))[:1]
    tiles = []
    for path in paths:
        photo = Image.open(path).convert('RGB')
        for factor in (4, 6, 8):
            small = np.asarray(photo.resize((photo.width // factor, photo.height // factor), Image.LANCZOS))
            tiles += [small[r:r + 32, c:c + 32] for r in range(0, small.shape[0] - 31, 32) for c in range(0, small.shape[1] - 31, 32)]
    return np.stack(tiles)

def psnr(a, b): return float(np.mean(10 * np.log10(255.0 ** 2 / np.mean((np.asarray(a, np.float64) - b) ** 2, axis=(1, 2, 3)))))

if sys.argv[1] == 'webp':
    from cifar10_compressai.model import load_pretrained
    from cifar10_compressai.evaluate import bd_rate, classical_codecs, encode_classical, decode_classical
    tiles = photo_tiles(); fmt, settings, options, _ = classical_codecs()['webp']
    def point(files, decoded): return 8 * np.mean([len(f) for f in files]) / (32 * 32), psnr(np.stack(decoded), tiles)
    ours = [point(f, load_pretrained(q).decompress(f)) for q in range(1, 7) for f in [load_pretrained(q).compress(tiles)]]
    webp = [point(f, [decode_classical(x) for x in f]) for s in settings for f in [[encode_classical(t, fmt, options(s)) for t in tiles]]]
    print(f'{len(tiles)} tiles; levels 1-6 (bpp, dB):', ', '.join(f'{b:.3f} {p:.2f}' for b, p in ours))
    print(f'BD-rate against WebP m6: {bd_rate(*zip(*webp), *zip(*ours)):+.1f} %'); sys.exit()
old, new = (keras.saving.load_model(p, safe_mode=True) for p in sys.argv[1:3])
assert same_files(old, new), 'the two weights files write different files: compare decoders behind one encoder only'
import matplotlib.cbook
hopper = np.asarray(Image.open(matplotlib.cbook.get_sample_data('grace_hopper.jpg', asfileobj=False)).convert('RGB'))
sets = {'CIFAR-10 test[0:1000]': load_cifar10(os.environ.get('CIFAR10_DIR'), download=False)[1][0][:1000],
        'photo tiles': photo_tiles(), '512x512 crop': hopper[:512, :512][None]}
print('| set | images | level | bpp | PSNR old | PSNR new | new - old |\n|---|---|---|---|---|---|---|')
for name, images in sets.items():
    for level in getattr(old, 'levels', None) or (old.model_id,):
        old.model_id = new.model_id = level
        files = old.compress(images)
        bpp = 8 * sum(map(len, files)) / sum(im.shape[0] * im.shape[1] for im in images)
        a, b = psnr(np.stack(old.decompress(files)), images), psnr(np.stack(new.decompress(files)), images)
        print(f'| {name} | {len(images)} | {level} | {bpp:.3f} | {a:.2f} | {b:.2f} | {b - a:+.2f} |')
