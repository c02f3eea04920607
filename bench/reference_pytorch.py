#!/usr/bin/env python3
"""PyTorch reference pipeline for `captionlab bench --reference` (issue 8).

The same shape as CaptionLab's captioning: decode a JPEG with PIL, squash it to 224x224, torchvision's
mobilenet_v2 features (the 1280-d global average pool), then a tanh RNN decoder of the shipped default model's
sizes (E 256, H 512, V 2539, v fed at every step) searched with beam 3. Weights are random (nothing is
downloaded): only the time matters. Runs on 2 threads (torch.set_num_threads) unless --threads says otherwise.

Install on Debian: apt-get install python3-torch python3-torchvision python3-pil
Prints one JSON object (figures in ms or images/s) on stdout.

  reference_pytorch.py --small DIR --large DIR --out results.csv     # the figures
  reference_pytorch.py --one PHOTO                                    # cold start: caption one photo, exit
"""
import argparse
import csv
import json
import os
import resource
import sys
import time

T0 = time.perf_counter()

import torch  # noqa: E402
import torchvision  # noqa: E402
from PIL import Image  # noqa: E402

E, H, V, F = 256, 512, 2539, 1280
START, END = 1, 0
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)


class Decoder(torch.nn.Module):
    """h_t = tanh(Wxh x_t + Whh h_{t-1} + Wvh v + b), y_t = softmax(Why h_t + c)."""

    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, E)
        self.wx = torch.nn.Linear(E + F, H)
        self.wh = torch.nn.Linear(H, H, bias=False)
        self.out = torch.nn.Linear(H, V)

    def step(self, words, h, v):
        x = torch.cat([self.embed(words), v], dim=1)
        h = torch.tanh(self.wx(x) + self.wh(h))
        return torch.log_softmax(self.out(h), dim=1), h

    def greedy(self, v, max_len=20):
        h = torch.zeros(1, H)
        w = torch.tensor([START])
        words = []
        for _ in range(max_len):
            lp, h = self.step(w, h, v)
            w = lp.argmax(dim=1)
            if w.item() == END:
                break
            words.append(w.item())
        return words

    def beam(self, v, k, max_len=20):
        h = torch.zeros(1, H)
        seqs = [[]]
        scores = torch.zeros(1)
        last = torch.tensor([START])
        done = []
        for _ in range(max_len):
            n = len(seqs)
            lp, h = self.step(last, h, v.expand(n, F))
            cand = (scores.view(n, 1) + lp).view(-1)
            top = cand.topk(k)
            new_seqs, new_scores, new_last, rows = [], [], [], []
            for s, idx in zip(top.values.tolist(), top.indices.tolist()):
                r, w = divmod(idx, V)
                if w == END:
                    done.append((s, seqs[r]))
                else:
                    new_seqs.append(seqs[r] + [w])
                    new_scores.append(s)
                    new_last.append(w)
                    rows.append(r)
            if len(done) >= k or not new_seqs:
                break
            seqs = new_seqs
            scores = torch.tensor(new_scores)
            last = torch.tensor(new_last)
            h = h[torch.tensor(rows)]
        if not done:
            done = list(zip(scores.tolist(), seqs))
        return max(done, key=lambda t: t[0])[1]


def load(path):
    img = Image.open(path).convert("RGB").resize((224, 224), Image.BILINEAR)
    t = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).view(224, 224, 3).permute(2, 0, 1).float() / 255
    return (t - MEAN) / STD


def images(folder):
    exts = (".jpg", ".jpeg", ".png", ".bmp")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith(exts))


def ms(fn, reps):
    fn()
    t = time.perf_counter()
    for _ in range(reps):
        fn()
    return (time.perf_counter() - t) * 1000 / reps


def end_to_end(folder, net, dec, out_csv):
    paths = images(folder)
    t = time.perf_counter()
    with open(out_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "caption"])
        for p in paths:
            with torch.inference_mode():
                v = net(load(p).unsqueeze(0))
                words = dec.beam(v, 3)
            w.writerow([p, " ".join(map(str, words))])
    return len(paths) / (time.perf_counter() - t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--small")
    ap.add_argument("--large")
    ap.add_argument("--one")
    ap.add_argument("--out", default=os.devnull)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--vgg", type=int, default=3, help="VGG16 images timed (0 = skip)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    net = torchvision.models.mobilenet_v2(weights=None).eval()
    features = torch.nn.Sequential(net.features, torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten()).eval()
    dec = Decoder().eval()
    if a.one:
        with torch.inference_mode():
            words = dec.beam(features(load(a.one).unsqueeze(0)), 3)
        print(json.dumps({"one_photo_words": len(words), "seconds_in_script": time.perf_counter() - T0}))
        return
    r = {"torch": torch.__version__, "torchvision": torchvision.__version__, "threads": a.threads}
    small, large = images(a.small), images(a.large)
    x1 = load(small[0]).unsqueeze(0)
    x8 = torch.cat([load(p).unsqueeze(0) for p in small[:8]])
    with torch.inference_mode():
        r["encode_batch1_ms"] = ms(lambda: features(x1), a.reps)
        r["encode_batch8_ms_per_image"] = ms(lambda: features(x8), max(1, a.reps // 4)) / 8
        v = features(x1)
        r["decode_greedy_ms"] = ms(lambda: dec.greedy(v), a.reps)
        r["decode_beam3_ms"] = ms(lambda: dec.beam(v, 3), a.reps)
        r["decode_beam7_ms"] = ms(lambda: dec.beam(v, 7), a.reps)
        if a.vgg > 0:
            vgg = torchvision.models.vgg16(weights=None).eval()
            vgg_features = torch.nn.Sequential(vgg.features, vgg.avgpool, torch.nn.Flatten(),
                                               *list(vgg.classifier.children())[:-1]).eval()
            r["vgg16_batch1_ms"] = ms(lambda: vgg_features(x1), a.vgg)
            del vgg, vgg_features
    r["jpeg_decode_resize_large_ms"] = ms(lambda: [load(p) for p in large[:10]], 2) / min(10, len(large))
    r["end_to_end_small_img_per_s"] = end_to_end(a.small, features, dec, a.out)
    r["end_to_end_large_img_per_s"] = end_to_end(a.large, features, dec, a.out)
    r["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(r))


if __name__ == "__main__":
    sys.exit(main())
