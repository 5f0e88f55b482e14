from assistant.skill_api import Reply


async def handle(args, ctx):
    return Reply("", stream=iter(["Once there was a fox. ", "It slept all day."]))
