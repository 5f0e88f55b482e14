async def handle(args, ctx):
    return {"not": "a Reply"}
