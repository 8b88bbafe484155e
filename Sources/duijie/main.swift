import DuijieCLI

Duijie.main()
