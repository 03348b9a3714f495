"""Jupyter's kernel conformance suite (jupyter_kernel_test) against the backprop-lab kernel.

Run: JUPYTER_PATH=<dir holding kernels/backprop-lab> python3 -m unittest -v test_kernel_conformance
Every sample the suite supports is filled in, so no test is skipped.
"""

import unittest

import jupyter_kernel_test


class BackpropLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "backprop-lab"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The first execution waits for TypeScript to load (a second or two, far more on a busy
        # machine); let that happen here, not inside the suite's 15 s per-message timeout.
        cls.kc.execute_interactive('import "backprop-lab";', store_history=False, timeout=180)

    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "const zebraStripes = 3;\nzebraSt", "matches": {"zebraStripes"}},
    ]

    complete_code_samples = ["1 + 1", "let answer = 42;", "function f(x: number) { return x * 2; }"]
    incomplete_code_samples = ["function f(x: number) {", "const xs = [1, 2,", "if (true) {"]
    invalid_code_samples = ["1 +* 2", "let x = )", "}"]

    code_page_something = "Math.max?"

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"back" + "prop"', "result": "'backprop'"},
        {"code": "[1, 2, 3].map((x) => x * x)", "result": "[ 1, 4, 9 ]"},
    ]

    code_display_data = [
        {
            "code": 'import { displayBundle } from "backprop-lab";\n'
            'const shown = displayBundle({ "text/html": "<b>hi</b>", "text/plain": "hi" });',
            "mime": "text/html",
        },
        {
            "code": 'import { displayBundle } from "backprop-lab";\n'
            'const plain = displayBundle({ "text/plain": "just text" });',
            "mime": "text/plain",
        },
    ]

    code_history_pattern = "1*2"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = 'import { clearOutput } from "backprop-lab";\nclearOutput();'


if __name__ == "__main__":
    unittest.main()
