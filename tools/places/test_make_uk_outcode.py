"""Tests of make-uk-outcode.py on a few made-up rows in the ONSPD's column layout (fixtures/onspd-sample.csv).

Run from the repository root: python3 -m unittest discover -s tools/places -p 'test_*.py'
"""
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "make-uk-outcode.py")
SAMPLE = os.path.join(HERE, "fixtures", "onspd-sample.csv")
# The web tests' table is this script's output for the sample, so a change to either shows here.
WEB_FIXTURE = os.path.join(HERE, "..", "..", "tests", "BackCare.Web.Tests", "Fixtures", "places", "uk-outcode.csv")

spec = importlib.util.spec_from_file_location("make_uk_outcode", SCRIPT)
make = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make)


def run(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True)


class MakeUkOutcodeTests(unittest.TestCase):
    def test_given_the_sample_when_converted_then_each_live_outward_code_is_the_mean_of_its_postcodes(self):
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, "uk-outcode.csv")
            done = run(SAMPLE, target, "--min-outcodes", "1")
            self.assertEqual(done.returncode, 0, done.stderr)
            with open(target, encoding="utf-8") as f:
                lines = f.read().splitlines()
        # SW1A: the mean of its two live postcodes; the terminated SW1A 0ZZ (far away) is left out.
        # GY1: no grid reference (latitude 99.999999), left out.
        self.assertEqual(lines, [
            "outcode,lat,lon",
            "B1,52.4800,-1.9025",
            "BT1,54.6000,-5.9300",
            "EH1,55.9533,-3.1883",
            "M1,53.4798,-2.2406",
            "SW1A,51.5022,-0.1346",
        ])
        self.assertIn("5 outward codes written", done.stdout)

    def test_given_an_excluded_area_when_converted_then_its_outward_codes_are_left_out(self):
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, "uk-outcode.csv")
            done = run(SAMPLE, target, "--min-outcodes", "1", "--exclude", "bt")
            self.assertEqual(done.returncode, 0, done.stderr)
            with open(target, encoding="utf-8") as f:
                self.assertNotIn("BT1", f.read())

    def test_given_too_few_outward_codes_when_converted_then_nothing_is_written_and_it_says_why(self):
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, "uk-outcode.csv")
            done = run(SAMPLE, target)
            self.assertNotEqual(done.returncode, 0)
            self.assertIn("only 5 outward codes", done.stderr)
            self.assertFalse(os.path.exists(target))

    def test_given_a_file_without_the_onspd_columns_when_converted_then_it_stops_naming_them(self):
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, "other.csv")
            with open(source, "w", encoding="utf-8") as f:
                f.write("Postcode,Eastings,Northings\nSW1A 1AA,529090,179645\n")
            done = run(source, os.path.join(folder, "out.csv"), "--min-outcodes", "1")
            self.assertNotEqual(done.returncode, 0)
            self.assertIn("lat, latitude", done.stderr)

    def test_given_postcodes_written_any_way_when_read_then_the_outward_code_is_found(self):
        for typed, outward in [("SW1A 1AA", "SW1A"), ("sw1a1aa", "SW1A"), ("M1  1AE", "M1"), ("W11AA", "W1"), ("EC1A 1BB", "EC1A")]:
            self.assertEqual(make.outward_code(typed), outward, typed)
        for typed in ["SW1A", "12345", "SW1A 1A", ""]:
            self.assertIsNone(make.outward_code(typed), typed)

    def test_the_web_tests_table_is_this_scripts_output_for_the_sample(self):
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, "uk-outcode.csv")
            self.assertEqual(run(SAMPLE, target, "--min-outcodes", "1").returncode, 0)
            with open(target, encoding="utf-8") as made, open(WEB_FIXTURE, encoding="utf-8") as kept:
                self.assertEqual(made.read(), kept.read())


if __name__ == "__main__":
    unittest.main()
