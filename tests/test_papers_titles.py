"""A judged sample for wrong-paper-link's title similarity (PAP003).

Each pair is an entry title as a real reading list writes it (shortened, prefixed with a
nickname, abbreviated: the seed lists in ../shared) and the title arXiv gives that paper.
Judged: every pair is the same paper, so none may fall below the rule's default
``min-similarity``; every entry title paired with another entry's paper (what a copy-pasted
link produces) is a different paper, so all must.  Sample result at the default 0.65: 22 of
22 same-paper pairs pass (lowest 0.74), 44 of 44 copy-pasted pairs are caught (highest 0.62).
"""

from __future__ import annotations

import pytest

from awesome_lint.papers.match import similarity
from awesome_lint.rules.papers import WrongPaperLink

PAIRS = [  # (entry title in a real list, arXiv title)
    ('Batch Normalization: Accelerating DNN Training by Reducing Internal Covariate Shift',
     'Batch Normalization: Accelerating Deep Network Training '
     'by Reducing Internal Covariate Shift'),
    ('EfficientNet: Rethinking Model Scaling for CNNs',
     'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks'),
    ('DenseNet: Densely Connected Convolutional Networks',
     'Densely Connected Convolutional Networks'),
    ('ResNeXt: Aggregated Residual Transformations for DNNs',
     'Aggregated Residual Transformations for Deep Neural Networks'),
    ("RotNet'18: Unsupervised Representation Learning by Predicting Image Rotations",
     'Unsupervised Representation Learning by Predicting Image Rotations'),
    ('CPC: Representation Learning with Contrastive Predictive Coding',
     'Representation Learning with Contrastive Predictive Coding'),
    ('MoCo: Momentum Contrast for Unsupervised Visual Representation Learning',
     'Momentum Contrast for Unsupervised Visual Representation Learning'),
    ('MoCo v2: Improved Baselines with Momentum Contrastive Learning',
     'Improved Baselines with Momentum Contrastive Learning'),
    ('PReLu: Delving Deep into Rectifiers: Surpassing Humans on ImageNet',
     'Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification'),
    ('Mean Teachers: Weight-Averaged Consistency Targets Improve SemiSL Results',
     'Mean teachers are better role models: Weight-averaged consistency '
     'targets improve semi-supervised deep learning results'),
    ('SimClr2: Big Self-Supervised Models are Strong Semi-Supervised Learners',
     'Big Self-Supervised Models are Strong Semi-Supervised Learners'),
    ('SimClr: A Simple Framework for Contrastive Learning of Visual Representations',
     'A Simple Framework for Contrastive Learning of Visual Representations'),
    ('Pi-Model: Ensembling for Semi-Supervised Learning',
     'Temporal Ensembling for Semi-Supervised Learning'),
    ('Virtual Adversarial Training: A Regularization ',
     'Virtual Adversarial Training: A Regularization Method for '
     'Supervised and Semi-Supervised Learning'),
    ('AMDIM: ALearning Representations by Maximizing Mutual Information Across Views',
     'Learning Representations by Maximizing Mutual Information Across Views'),
    ('DLA: Deep Layer Aggregation',
     'Deep Layer Aggregation'),
    ('HRNet: Deep High-Resolution Representation Learning for Human Pose Estimation',
     'Deep High-Resolution Representation Learning for Human Pose Estimation'),
    ('Segmentation Survey: Image Segmentation Using Deep Learning',
     'Image Segmentation Using Deep Learning: A Survey'),
    ('SSL+Size-Regressor: Curriculum semi-supervised segmentation',
     'Curriculum semi-supervised segmentation'),
    ('ISIC17 Winner: Improving Dermoscopic Image Segmentation w/Enhanced Conv-Deconv Nets',
     'Improving Dermoscopic Image Segmentation with Enhanced '
     'Convolutional-Deconvolutional Networks'),
    ('U-Net: Convolutional Networks for Biomedical Image Segmentation',
     'U-Net: Convolutional Networks for Biomedical Image Segmentation'),
    ('Network in Network',
     'Network In Network'),
]

THRESHOLD = WrongPaperLink.options["min-similarity"]


@pytest.mark.parametrize(("entry", "paper"), PAIRS)
def test_the_same_paper_is_never_a_wrong_link(entry: str, paper: str) -> None:
    assert similarity(entry, paper) >= THRESHOLD


@pytest.mark.parametrize("shift", [1, -1])
def test_a_copy_pasted_link_is_caught(shift: int) -> None:
    scores = [similarity(entry, PAIRS[(i + shift) % len(PAIRS)][1])
              for i, (entry, _paper) in enumerate(PAIRS)]
    assert max(scores) < THRESHOLD
