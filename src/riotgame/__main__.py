from riotgame.cli import main

raise SystemExit(main())
