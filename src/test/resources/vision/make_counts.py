# Parameter counts of torchvision's ResNets and of fastai's xresnet (rebuilt here with plain torch.nn
# after fastai's definition, since fastai is not installed). Run: /usr/bin/python3 make_counts.py > counts.txt
import torch.nn as nn, torchvision

def conv_layer(ni, nf, ks=3, stride=1, act=True, bn=True):
    layers = [nn.Conv2d(ni, nf, ks, stride, (ks - 1) // 2, bias=not bn)]
    if bn: layers.append(nn.BatchNorm2d(nf))
    if act: layers.append(nn.ReLU())
    return nn.Sequential(*layers)

class ResBlock(nn.Module):
    def __init__(self, e, ni, nf, stride):
        super().__init__()
        nh, ni, nf = nf, ni * e, nf * e
        if e == 1:
            self.convpath = nn.Sequential(conv_layer(ni, nh, 3, stride), conv_layer(nh, nf, 3, act=False))
        else:
            self.convpath = nn.Sequential(conv_layer(ni, nh, 1), conv_layer(nh, nh, 3, stride), conv_layer(nh, nf, 1, act=False))
        idp = []
        if stride != 1: idp.append(nn.AvgPool2d(stride, ceil_mode=True))
        if ni != nf: idp.append(conv_layer(ni, nf, 1, act=False))
        self.idpath = nn.Sequential(*idp)
        self.act = nn.ReLU()
    def forward(self, x): return self.act(self.convpath(x) + self.idpath(x))

def xresnet(e, layers, c_in=3, n_out=1000):
    stem = [conv_layer(c_in, 32, 3, 2), conv_layer(32, 32), conv_layer(32, 64)]
    szs = [64 // e, 64, 128, 256, 512]
    blocks = []
    for i, l in enumerate(layers):
        blocks.append(nn.Sequential(*[ResBlock(e, szs[i] if j == 0 else szs[i + 1], szs[i + 1], (1 if i == 0 else 2) if j == 0 else 1) for j in range(l)]))
    return nn.Sequential(*stem, nn.MaxPool2d(3, 2, 1), *blocks, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.0), nn.Linear(512 * e, n_out))

count = lambda m: sum(p.numel() for p in m.parameters())
for n in ["resnet18", "resnet34", "resnet50"]:
    print(n, 10, count(getattr(torchvision.models, n)(num_classes=10)))
for n, e, l in [("xresnet18", 1, [2, 2, 2, 2]), ("xresnet34", 1, [3, 4, 6, 3]), ("xresnet50", 4, [3, 4, 6, 3])]:
    print(n, 10, count(xresnet(e, l, n_out=10)))
