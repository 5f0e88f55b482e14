async def handle(args, ctx):
    raise RuntimeError("boom")
