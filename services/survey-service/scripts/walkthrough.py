#!/usr/bin/env python3
"""The survey walk-through's sockets (docs/survey-service.md): a visitor says hello, the agent closes the
conversation, the visitor answers the SURVEY prompt with 4 and a comment, the agent sees the surveyAnswer frame.

    python3 walkthrough.py ws://127.0.0.1:8083 <visitor token> <agent/admin access token> <chatflow id>

Needs python3-websockets (apt-get install -y python3-websockets).
"""
import asyncio
import json
import sys

import websockets


async def until(ws, match, what, timeout=30):
    async def loop():
        while True:
            frame = json.loads(await ws.recv())
            if match(frame):
                return frame
    try:
        return await asyncio.wait_for(loop(), timeout)
    except asyncio.TimeoutError:
        sys.exit(f"no {what} within {timeout} s")


async def main(base, visitor_token, agent_token, chatflow_id):
    async with websockets.connect(f"{base}/ws/visitor?token={visitor_token}") as visitor, \
            websockets.connect(f"{base}/ws/agent") as agent:
        await agent.send(json.dumps({"type": "auth", "token": agent_token, "ref": "auth"}))
        await until(agent, lambda f: f.get("ref") == "auth", "agent auth ack")

        await visitor.send(json.dumps({"type": "start", "chatflowId": chatflow_id, "ref": "s",
                                       "pageUrl": "http://127.0.0.1:8083/"}))
        conversation = (await until(visitor, lambda f: f.get("ref") == "s", "start ack"))["conversationId"]
        await visitor.send(json.dumps({"type": "message", "conversationId": conversation, "clientMsgId": "m1",
                                       "text": "Hello, I need help with my order", "ref": "m1"}))
        await until(visitor, lambda f: f.get("ref") == "m1", "message ack")
        print("conversation", conversation)

        await agent.send(json.dumps({"type": "close", "conversationId": conversation, "ref": "close"}))
        await until(agent, lambda f: f.get("ref") == "close", "close ack")

        prompt = await until(visitor, lambda f: f.get("type") == "prompt" and f.get("step") == "SURVEY",
                             "SURVEY prompt")
        options = prompt["options"]
        print("visitor sees:", prompt["text"], f"[{options['scaleMin']}..{options['scaleMax']}]",
              "| follow-up for 4:", options.get("followUpHigh"))
        await visitor.send(json.dumps({"type": "surveyAnswer", "conversationId": conversation,
                                       "surveyId": options["surveyId"], "score": 4,
                                       "comment": "Quick and friendly", "ref": "a"}))
        await until(visitor, lambda f: f.get("ref") == "a", "answer ack")
        print("visitor sees:", options.get("thankYou"))

        answer = await until(agent, lambda f: f.get("type") == "surveyAnswer"
                             and f.get("conversationId") == conversation, "surveyAnswer frame")
        print("agent sees:", json.dumps(answer))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    asyncio.run(main(*sys.argv[1:]))
