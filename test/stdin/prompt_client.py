"""Drives the backprop-lab kernel's prompt() through jupyter_client, as JupyterLab and the console do.

Prints one JSON object: what each scenario's execute_reply and outputs were.
"""
import json
import sys

from jupyter_client.manager import start_new_kernel

PROMPT_CELL = 'import { prompt } from "backprop-lab";\nconst name = prompt("Your name? ");\nconst secret = prompt("Password: ", { password: true });\n`${name}/${secret.length}`'


def run(kc, code, **kwargs):
    outputs = []
    reply = kc.execute_interactive(code, output_hook=outputs.append, timeout=120, **kwargs)
    content = reply["content"]
    texts = [o["content"].get("data", {}).get("text/plain") for o in outputs if o["msg_type"] == "execute_result"]
    return {"status": content["status"], "ename": content.get("ename"), "evalue": content.get("evalue"), "results": texts}


def main(cwd):
    km, kc = start_new_kernel(kernel_name="backprop-lab", cwd=cwd, startup_timeout=120)
    seen = []
    try:
        def answer(msg):
            seen.append(msg["content"])
            kc.input("s3cret" if msg["content"]["password"] else "Ada")

        def interrupt(msg):
            seen.append(msg["content"])
            km.interrupt_kernel()

        report = {
            "answered": run(kc, PROMPT_CELL, allow_stdin=True, stdin_hook=answer),
            "prompts": seen,
            "not_allowed": run(kc, 'import { prompt } from "backprop-lab";\nprompt("Your name? ")', allow_stdin=False),
            "interrupted": run(kc, 'import { prompt } from "backprop-lab";\nprompt("Never answered: ")', allow_stdin=True, stdin_hook=interrupt),
            "after": run(kc, "1 + 1"),
        }
        print(json.dumps(report))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(sys.argv[1])
