#!/usr/bin/python3
"""Generate packages/nn/test/fixtures/rnn.json: nn.RNN / LSTM / GRU and their cells, by real PyTorch (1.13).

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_rnn_fixtures.py

Deterministic (torch.manual_seed). Each case builds a module, draws its weights, runs one forward in
eval mode (no dropout) and one backward, and records:

  { "name", "module": class name, "args": positional constructor arguments, "options": the keyword
    arguments in @x's camelCase spelling, "dtype", "repr": str(module),
    "params": [[name, tensor], ...] in named_parameters() order (also the state_dict order),
    "input": tensor, "hx": null | [tensor] (RNN, GRU, RNNCell, GRUCell) | [h, c] (LSTM, LSTMCell),
    "outs": the forward's tensors flattened (modules: output, h_n[, c_n]; cells: h[, c]),
    "upstream": one gradient per out (the backward is sum(out_i * upstream_i)),
    "grads": { "input", "hx": null | [...], "params": {name: tensor} } }

"errors" lists bad calls and PyTorch's message for each; "reprs" lists constructor calls and str().
A tensor is {"dtype", "shape", "data"} with data flattened in row-major order.
"""
import json
import os
import warnings

import torch
import torch.nn as nn
from fixture_io import DTYPE_NAMES, enc_values

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "nn", "test", "fixtures", "rnn.json")

CAMEL = {
    "num_layers": "numLayers", "bias": "bias", "batch_first": "batchFirst", "dropout": "dropout",
    "bidirectional": "bidirectional", "proj_size": "projSize", "nonlinearity": "nonlinearity",
}


def enc(t):
    return {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data": enc_values(t)}


def case(name, cls, args, kwargs, dtype, input_shape, hx_shapes=None):
    m = cls(*args, **kwargs).to(dtype)
    with torch.no_grad():
        # Wider than the default init so every gate sees a useful range of values.
        for p in m.parameters():
            p.uniform_(-0.6, 0.6)
    m.eval()
    x = torch.randn(*input_shape, dtype=dtype, requires_grad=True)
    hx = None
    if hx_shapes is not None:
        hx = [torch.randn(*s, dtype=dtype, requires_grad=True) for s in hx_shapes]
    is_cell = cls in (nn.RNNCell, nn.LSTMCell, nn.GRUCell)
    if hx is None:
        res = m(x)
    elif cls in (nn.LSTM, nn.LSTMCell):
        res = m(x, (hx[0], hx[1]))
    else:
        res = m(x, hx[0])
    if is_cell:
        outs = list(res) if isinstance(res, tuple) else [res]
    else:
        out, h = res
        outs = [out] + (list(h) if isinstance(h, tuple) else [h])
    upstream = [torch.randn_like(o) for o in outs]
    loss = sum((o * u).sum() for o, u in zip(outs, upstream))
    loss.backward()
    return {
        "name": name,
        "module": cls.__name__,
        "args": list(args),
        "options": {CAMEL[k]: v for k, v in kwargs.items()},
        "dtype": DTYPE_NAMES[dtype],
        "repr": str(m),
        "params": [[n, enc(p)] for n, p in m.named_parameters()],
        "input": enc(x),
        "hx": None if hx is None else [enc(h) for h in hx],
        "outs": [enc(o) for o in outs],
        "upstream": [enc(u) for u in upstream],
        "grads": {
            "input": enc(x.grad),
            "hx": None if hx is None else [enc(h.grad) for h in hx],
            "params": {n: enc(p.grad) for n, p in m.named_parameters()},
        },
    }


f32, f64 = torch.float32, torch.float64
T, B, I, H = 5, 3, 4, 3
CASES = [
    # nn.RNN
    case("rnn_tanh_1layer_f64", nn.RNN, [I, H], {}, f64, (T, B, I)),
    case("rnn_tanh_h0_f64", nn.RNN, [I, H], {}, f64, (T, B, I), [(1, B, H)]),
    case("rnn_relu_2layer_bidir_batchfirst_h0_f64", nn.RNN, [I, H], {"num_layers": 2, "nonlinearity": "relu", "batch_first": True, "bidirectional": True}, f64, (B, T, I), [(4, B, H)]),
    case("rnn_nobias_2layer_f32", nn.RNN, [I, H, 2], {"bias": False}, f32, (T, B, I)),
    case("rnn_unbatched_h0_f64", nn.RNN, [I, H], {"num_layers": 2}, f64, (T, I), [(2, H)]),
    # nn.LSTM
    case("lstm_1layer_f64", nn.LSTM, [I, H], {}, f64, (T, B, I)),
    case("lstm_1layer_h0c0_f64", nn.LSTM, [I, H], {}, f64, (T, B, I), [(1, B, H), (1, B, H)]),
    case("lstm_2layer_batchfirst_h0c0_f64", nn.LSTM, [I, H, 2], {"batch_first": True}, f64, (B, T, I), [(2, B, H), (2, B, H)]),
    case("lstm_2layer_bidir_f64", nn.LSTM, [I, H], {"num_layers": 2, "bidirectional": True}, f64, (T, B, I)),
    case("lstm_2layer_bidir_batchfirst_h0c0_f32", nn.LSTM, [I, H], {"num_layers": 2, "bidirectional": True, "batch_first": True}, f32, (B, T, I), [(4, B, H), (4, B, H)]),
    case("lstm_nobias_f32", nn.LSTM, [I, H], {"bias": False}, f32, (T, B, I)),
    case("lstm_proj_2layer_bidir_h0c0_f64", nn.LSTM, [I, 4], {"num_layers": 2, "bidirectional": True, "proj_size": 2}, f64, (T, B, I), [(4, B, 2), (4, B, 4)]),
    case("lstm_unbatched_f64", nn.LSTM, [I, H], {"bidirectional": True}, f64, (T, I)),
    case("lstm_unbatched_h0c0_batchfirst_f64", nn.LSTM, [I, H], {"batch_first": True}, f64, (T, I), [(1, H), (1, H)]),
    case("lstm_seq1_batch1_f32", nn.LSTM, [I, H], {}, f32, (1, 1, I)),
    # nn.GRU
    case("gru_1layer_f64", nn.GRU, [I, H], {}, f64, (T, B, I)),
    case("gru_1layer_h0_f64", nn.GRU, [I, H], {}, f64, (T, B, I), [(1, B, H)]),
    case("gru_2layer_bidir_batchfirst_h0_f64", nn.GRU, [I, H], {"num_layers": 2, "batch_first": True, "bidirectional": True}, f64, (B, T, I), [(4, B, H)]),
    case("gru_2layer_f32", nn.GRU, [I, H, 2], {}, f32, (T, B, I)),
    case("gru_nobias_bidir_f64", nn.GRU, [I, H], {"bias": False, "bidirectional": True}, f64, (T, B, I)),
    case("gru_unbatched_h0_f32", nn.GRU, [I, H], {}, f32, (T, I), [(1, H)]),
    # cells
    case("rnncell_tanh_f64", nn.RNNCell, [I, H], {}, f64, (B, I)),
    case("rnncell_relu_hx_f64", nn.RNNCell, [I, H], {"nonlinearity": "relu"}, f64, (B, I), [(B, H)]),
    case("rnncell_nobias_unbatched_hx_f32", nn.RNNCell, [I, H], {"bias": False}, f32, (I,), [(H,)]),
    case("lstmcell_f64", nn.LSTMCell, [I, H], {}, f64, (B, I)),
    case("lstmcell_hx_f64", nn.LSTMCell, [I, H], {}, f64, (B, I), [(B, H), (B, H)]),
    case("lstmcell_unbatched_hx_f32", nn.LSTMCell, [I, H], {}, f32, (I,), [(H,), (H,)]),
    case("grucell_f64", nn.GRUCell, [I, H], {}, f64, (B, I)),
    case("grucell_hx_nobias_f64", nn.GRUCell, [I, H, False], {}, f64, (B, I), [(B, H)]),
    case("grucell_unbatched_f32", nn.GRUCell, [I, H], {}, f32, (I,)),
]


def error_case(name, cls, args, kwargs, input_shape, hx_shapes=None, dtype=None):
    try:
        m = cls(*args, **kwargs)
        x = torch.randn(*input_shape, dtype=dtype or torch.float32)
        if hx_shapes is None:
            m(x)
        else:
            hx = [torch.randn(*s) for s in hx_shapes]
            m(x, tuple(hx) if cls in (nn.LSTM, nn.LSTMCell) else hx[0])
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        return {"name": name, "module": cls.__name__, "args": args, "options": {CAMEL[k]: v for k, v in kwargs.items()},
                "input": list(input_shape), "hx": hx_shapes, "dtype": DTYPE_NAMES[dtype or torch.float32], "message": str(e)}
    raise AssertionError(f"{name}: no error")


ERRORS = [
    error_case("lstm_input_size", nn.LSTM, [10, 20, 2], {}, (5, 3, 7)),
    error_case("lstm_4d_input", nn.LSTM, [10, 20], {}, (5, 3, 10, 1)),
    error_case("lstm_1d_input", nn.LSTM, [10, 20], {}, (10,)),
    error_case("lstm_h0_size", nn.LSTM, [10, 20, 2], {}, (5, 3, 10), [(2, 2, 20), (2, 3, 20)]),
    error_case("lstm_c0_size", nn.LSTM, [10, 20, 2], {}, (5, 3, 10), [(2, 3, 20), (2, 3, 5)]),
    error_case("lstm_hx_dims_batched", nn.LSTM, [10, 20, 2], {}, (5, 3, 10), [(3, 20), (2, 3, 20)]),
    error_case("lstm_hx_dims_unbatched", nn.LSTM, [10, 20], {}, (5, 10), [(1, 1, 20), (1, 1, 20)]),
    error_case("lstm_proj_h0_size", nn.LSTM, [10, 20], {"proj_size": 5}, (5, 3, 10), [(1, 3, 20), (1, 3, 20)]),
    error_case("lstm_dtype", nn.LSTM, [10, 20], {}, (5, 3, 10), None, torch.float64),
    error_case("gru_h0_batch", nn.GRU, [10, 20], {}, (5, 3, 10), [(1, 2, 20)]),
    error_case("gru_bidir_h0_layers", nn.GRU, [10, 20], {"bidirectional": True, "batch_first": True}, (3, 5, 10), [(1, 3, 20)]),
    error_case("gru_hx_dims_unbatched", nn.GRU, [10, 20], {}, (5, 10), [(1, 2, 20)]),
    error_case("rnn_hx_dims_batched", nn.RNN, [10, 20], {}, (5, 3, 10), [(2, 20)]),
    error_case("rnn_input_size", nn.RNN, [10, 20], {"batch_first": True}, (3, 5, 11)),
    error_case("rnncell_input_size", nn.RNNCell, [10, 20], {}, (3, 7)),
    error_case("rnncell_hx_batch", nn.RNNCell, [10, 20], {}, (3, 10), [(2, 20)]),
    error_case("rnncell_hx_size", nn.RNNCell, [10, 20], {"nonlinearity": "relu"}, (3, 10), [(3, 5)]),
    error_case("rnncell_3d", nn.RNNCell, [10, 20], {}, (3, 3, 10)),
    error_case("lstmcell_c_batch", nn.LSTMCell, [10, 20], {}, (3, 10), [(3, 20), (2, 20)]),
    error_case("lstmcell_c_size", nn.LSTMCell, [10, 20], {}, (3, 10), [(3, 20), (3, 21)]),
    error_case("lstmcell_3d", nn.LSTMCell, [10, 20], {}, (1, 3, 10)),
    error_case("grucell_hx_size", nn.GRUCell, [10, 20], {}, (3, 10), [(3, 21)]),
    error_case("grucell_input_size", nn.GRUCell, [10, 20], {}, (7,)),
    error_case("grucell_dtype", nn.GRUCell, [10, 20], {}, (3, 10), None, torch.float64),
]


def ctor_error(name, cls, args, kwargs):
    try:
        cls(*args, **kwargs)
    except Exception as e:  # noqa: BLE001
        return {"name": name, "module": cls.__name__, "args": args, "options": {CAMEL[k]: v for k, v in kwargs.items()}, "message": str(e)}
    raise AssertionError(f"{name}: no error")


CTOR_ERRORS = [
    ctor_error("rnn_nonlinearity", nn.RNN, [10, 20], {"nonlinearity": "gelu"}),
    ctor_error("rnn_proj_size", nn.RNN, [10, 20], {"proj_size": 3}),
    ctor_error("gru_proj_size", nn.GRU, [10, 20], {"proj_size": 3}),
    ctor_error("lstm_proj_too_big", nn.LSTM, [10, 20], {"proj_size": 20}),
    ctor_error("lstm_proj_negative", nn.LSTM, [10, 20], {"proj_size": -1}),
    ctor_error("lstm_dropout_range", nn.LSTM, [10, 20], {"dropout": 1.5}),
]


def rep(cls, args, kwargs):
    return {"module": cls.__name__, "args": args, "options": {CAMEL[k]: v for k, v in kwargs.items()}, "repr": str(cls(*args, **kwargs))}


REPRS = [
    rep(nn.LSTM, [10, 20], {"num_layers": 2, "batch_first": True}),
    rep(nn.LSTM, [10, 20, 2, False, True, 0.5, True], {}),
    rep(nn.LSTM, [10, 20], {"proj_size": 5, "dropout": 1}),
    rep(nn.LSTM, [10, 20], {"dropout": 0.00001, "num_layers": 3}),
    rep(nn.RNN, [10, 20], {"nonlinearity": "relu"}),
    rep(nn.RNN, [10, 20, 2], {"bidirectional": True, "dropout": 0.25}),
    rep(nn.GRU, [7, 3], {"bias": False}),
    rep(nn.GRU, [7, 3, 1, True, True], {}),
    rep(nn.RNNCell, [10, 20], {"nonlinearity": "relu", "bias": False}),
    rep(nn.RNNCell, [10, 20], {}),
    rep(nn.LSTMCell, [3, 4], {}),
    rep(nn.GRUCell, [3, 4, False], {}),
]

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES, "errors": ERRORS, "ctorErrors": CTOR_ERRORS, "reprs": REPRS}, f, separators=(",", ":"))
print(f"wrote {len(CASES)} cases, {len(ERRORS)} errors, {len(CTOR_ERRORS)} constructor errors, {len(REPRS)} reprs to {os.path.relpath(OUT)}")
