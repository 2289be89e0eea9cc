"""``python -m tweetguard …`` is the ``tweetguard`` command."""

from tweetguard.cli import main

main()
