#!/usr/bin/python3
"""PyTorch side of `./boarfish resnet18-profile [--train]`: each leaf module of torchvision resnet18(10) is re-run on the
input it saw in a real forward (batch 32, 64x64, torch.set_num_threads(2)); prints median wall ms and process CPU ms
summed by layer type and by conv shape. Run under the bench lock with OMP_WAIT_POLICY=PASSIVE."""
import torch, torchvision, time, sys, statistics
torch.set_num_threads(2)
torch.manual_seed(42)
train = "--train" in sys.argv
m = torchvision.models.resnet18(num_classes=10)
for mod in m.modules():
    if isinstance(mod, torch.nn.ReLU):
        mod.inplace = False
m.train() if train else m.eval()
x = torch.randn(32,3,64,64)
leaves=[]; ins=[]
hs=[]
for mod in m.modules():
    if len(list(mod.children()))==0:
        hs.append(mod.register_forward_hook(lambda mod,i,o: (leaves.append(mod), ins.append(i[0].detach().clone()), None)[2]))
with torch.no_grad(): m(x)
for h in hs: h.remove()
def whole():
    if train:
        m(x).sum().backward()
    else:
        with torch.no_grad(): m(x)
ts=[]
for i in range(9):
    t=time.perf_counter(); whole(); ts.append((time.perf_counter()-t)*1e3)
print("whole %.1f ms"%statistics.median(ts[2:]))
c=time.process_time()
for i in range(10): whole()
print("whole cpu %.1f ms"%((time.process_time()-c)*100))
bytype={}; byconv={}
for k,(mod,inp) in enumerate(zip(leaves,ins)):
    inp = inp.requires_grad_(k>0) if train else inp
    ws=[];cs=[]
    for i in range(8):
        c=time.process_time(); t=time.perf_counter()
        if train:
            mod(inp).sum().backward()
        else:
            with torch.no_grad(): mod(inp)
        ws.append((time.perf_counter()-t)*1e3); cs.append((time.process_time()-c)*1e3)
    med=statistics.median(ws[1:]); cmed=statistics.median(cs[1:])
    n=type(mod).__name__
    a=bytype.setdefault(n,[0,0,0]); a[0]+=med; a[1]+=1; a[2]+=cmed
    if isinstance(mod, torch.nn.Conv2d):
        key="%4d->%-4d k%d s%d on %2dx%-2d"%(mod.in_channels,mod.out_channels,mod.kernel_size[0],mod.stride[0],inp.shape[2],inp.shape[3])
        a=byconv.setdefault(key,[0,0,0]); a[0]+=med; a[1]+=1; a[2]+=cmed
for k,v in bytype.items(): print("  %-28s %8.1f %8.1f"%(k+" x%d"%v[1], v[0], v[2]))
for k,v in byconv.items(): print("  %-28s %8.1f %8.1f"%(k+" x%d"%v[1], v[0], v[2]))
