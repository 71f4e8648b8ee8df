"""The NLU network (PyTorch, training only; the runtime runs its ONNX export).

chars + hashed n-grams -> summed embeddings -> 3 dilated 1-D convolutions
(residual) -> (a) masked max+mean pooling -> intent logits and enum-slot logits,
(b) per character: conv features + pooled context -> BIO slot-tag logits.
A CNN rather than a GRU because it runs in tens of microseconds on one core.
"""

from __future__ import annotations

import torch
from torch import nn


class NluNet(nn.Module):
    def __init__(
        self,
        vocab_size: int,
        hash_buckets: int,
        n_intents: int,
        n_tags: int,
        n_enum: int,
        embed_dim: int = 64,
        channels: int = 128,
    ) -> None:
        super().__init__()
        self.char_embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.hash_embedding = nn.Embedding(hash_buckets, embed_dim, padding_idx=0)
        # Small init: hash buckets never seen in training (unknown n-grams) should add little noise.
        nn.init.normal_(self.hash_embedding.weight, std=0.02)
        with torch.no_grad():
            self.hash_embedding.weight[0].zero_()
        self.input_proj = nn.Conv1d(embed_dim, channels, kernel_size=3, padding=1)
        self.convs = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel_size=3, padding=d, dilation=d) for d in (1, 2, 4)
        )
        self.pooled_proj = nn.Linear(2 * channels, channels)
        self.intent_head = nn.Linear(channels, n_intents)
        self.enum_head = nn.Linear(channels, n_enum)
        self.tag_head = nn.Sequential(nn.Linear(2 * channels, channels), nn.ReLU(), nn.Linear(channels, n_tags))

    def forward(self, char_ids: torch.Tensor, ngram_ids: torch.Tensor, mask: torch.Tensor):
        x = self.char_embedding(char_ids) + self.hash_embedding(ngram_ids).sum(dim=2)  # [B, L, E]
        m = mask.unsqueeze(1)  # [B, 1, L]
        h = torch.relu(self.input_proj(x.transpose(1, 2))) * m
        for conv in self.convs:
            h = (h + torch.relu(conv(h))) * m
        pooled_max = (h + (m - 1.0) * 1e4).amax(dim=2)
        pooled_mean = h.sum(dim=2) / m.sum(dim=2).clamp(min=1.0)
        pooled = torch.relu(self.pooled_proj(torch.cat([pooled_max, pooled_mean], dim=1)))  # [B, C]
        intent_logits = self.intent_head(pooled)
        enum_logits = self.enum_head(pooled)
        per_char = h.transpose(1, 2)  # [B, L, C]
        context = pooled.unsqueeze(1).expand(-1, per_char.shape[1], -1)
        tag_logits = self.tag_head(torch.cat([per_char, context], dim=2))
        return intent_logits, tag_logits, enum_logits
