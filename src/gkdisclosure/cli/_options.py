"""The validation options as the command's arguments give them, built in one place."""

from __future__ import annotations

import argparse

from ..rules import ValidationOptions

__all__ = ["validation_options"]


def validation_options(args: argparse.Namespace) -> ValidationOptions:
    """``--profile`` and, where the subcommand has it, ``--blank-as-zero``."""
    return ValidationOptions(
        blank_as_zero=getattr(args, "blank_as_zero", False), profile=args.profile
    )
