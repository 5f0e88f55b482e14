import asyncio


async def handle(args, ctx):
    await asyncio.sleep(3600)
