from tweetguard.cli import main

main()
