"""The lookups' questions as endless streams drawn while the benchmark runs, not a fixed sample replayed.

A sample of 100,000 paths asked again and again is asked less and less for the first time: by the third round of
`bench.lookup` nearly every answer of the realistic mix was kept (0.99), more than a register's real traffic would
ever find kept, since its questions about past days and about BINs never in the register hardly repeat. Here each
request is drawn anew, by wrk (a Lua script reading the populations from files) and by the latency client (Python),
from the same laws:

- **by BIN** — a producer of the register, Zipf-distributed (s = 1) over all of them (ranks shuffled once);
- **by code** — a product code of the register's goods, Zipf over all codes, first page of 20;
- **the realistic mix** — 50 % by BIN now, 20 % by code, 10 % a producer (Zipf) on a day drawn uniformly from 700
  days since 1 January 2025, 10 % a valid BIN never in the register (Zipf over as many such BINs as there are
  producers: a supplier who is not a producer is checked again too), 10 % a name search (Zipf over ten words).

How often a question is asked for the first time then depends only on how long the traffic has run, as in
production, where answers are kept for `NISI_PUBLIC_ANSWER_TTL_S` (a day with Redis).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

STREAMS = ("producer_by_bin", "goods_by_code", "realistic_mix", "past_day", "never_in_register", "search")
PRODUCER = "/api/v1/register/producers/"
GOODS = "/api/v1/register/goods?"
WORDS = ["болат", "казах", "алтын", "агро", "мунай", "темір", "дала", "тулпар", "береке", "жол"]
FIRST_DAY = dt.date(2025, 1, 1)
DAYS = 700

LUA = """
-- The lookups' questions drawn anew for each request (bench/lookup_keys.py). Arguments: data folder, stream, seed.
local data, stream
local lists, cums = {}, {}

local function load(name)
  local items, cum, total = {}, {}, 0
  for line in io.lines(data .. "/" .. name .. ".txt") do
    items[#items + 1] = line
    total = total + 1 / #items
    cum[#items] = total
  end
  lists[name], cums[name] = items, cum
end

local function zipf(name)
  local cum = cums[name]
  local r = math.random() * cum[#cum]
  local lo, hi = 1, #cum
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cum[mid] < r then lo = mid + 1 else hi = mid end
  end
  return lists[name][lo]
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  data, stream = args[1], args[2]
  math.randomseed(tonumber(args[3]) * 7919 + thread_number)
  for _, name in ipairs({"producers", "codes", "never", "words", "days"}) do load(name) end
end

local function by_bin() return "/api/v1/register/producers/" .. zipf("producers") end
local function by_code() return "/api/v1/register/goods?code=" .. zipf("codes") .. "&limit=20" end
local function past_day() return by_bin() .. "?on=" .. lists["days"][math.random(#lists["days"])] end
local function never() return "/api/v1/register/producers/" .. zipf("never") end
local function search() return "/api/v1/register/goods?q=" .. zipf("words") .. "&limit=20" end

function request()
  local path
  if stream == "producer_by_bin" then
    path = by_bin()
  elseif stream == "goods_by_code" then
    path = by_code()
  elseif stream == "past_day" then
    path = past_day()
  elseif stream == "never_in_register" then
    path = never()
  elseif stream == "search" then
    path = search()
  else
    local roll = math.random()
    if roll < 0.5 then
      path = by_bin()
    elseif roll < 0.7 then
      path = by_code()
    elseif roll < 0.8 then
      path = past_day()
    elseif roll < 0.9 then
      path = never()
    else
      path = search()
    end
  end
  return wrk.format("GET", path)
end
"""


@dataclass(frozen=True)
class Population:
    """What the questions are drawn from, each list in its Zipf rank order (the first the most asked)."""

    producers: list[str]
    codes: list[str]
    never: list[str]
    words: list[str]  # as written in a URL
    days: list[str]

    def write(self) -> Path:
        """The populations as files for wrk's Lua, and the script beside them; returns the folder."""
        folder = Path(tempfile.mkdtemp(prefix="nisi-lookup-keys-"))
        for name in ("producers", "codes", "never", "words", "days"):
            (folder / f"{name}.txt").write_text("\n".join(getattr(self, name)) + "\n")
        (folder / "stream.lua").write_text(LUA)
        return folder


def population(rng: random.Random) -> Population:
    """Every producer and product code of the register (Django set up), as many valid BINs never in it, the ten
    words and the 700 days, ranks shuffled once by `rng`."""
    from nisi.core import identifiers as bins
    from nisi.registry.models import RegisterGood, RegisterRecord

    producers = list(RegisterRecord.objects.values_list("organization__identifier", flat=True))
    codes = list(RegisterGood.objects.order_by().values_list("hs_code", flat=True).distinct())
    known = set(producers)
    never: list[str] = []
    for serial in itertools.count(1):
        if len(never) >= len(producers):
            break
        try:
            candidate = bins.complete(f"26014{serial:06d}")
        except bins.InvalidIdentifier:
            continue
        if candidate not in known:
            never.append(candidate)
    for items in (producers, codes, never):
        rng.shuffle(items)
    days = [(FIRST_DAY + dt.timedelta(days=n)).isoformat() for n in range(DAYS)]
    return Population(producers, codes, never, [quote(w) for w in WORDS], days)


class Draws:
    """The same laws as the Lua script's, in Python: `paths(stream, n)` draws n questions anew."""

    def __init__(self, people: Population, rng: random.Random) -> None:
        self.people = people
        self.rng = rng
        self.cums = {
            name: list(itertools.accumulate(1 / k for k in range(1, len(getattr(people, name)) + 1)))
            for name in ("producers", "codes", "never", "words")
        }

    def zipf(self, name: str) -> str:
        cum = self.cums[name]
        return getattr(self.people, name)[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    def by_bin(self) -> str:
        return PRODUCER + self.zipf("producers")

    def by_code(self) -> str:
        return f"{GOODS}code={self.zipf('codes')}&limit=20"

    def past_day(self) -> str:
        return f"{self.by_bin()}?on={self.rng.choice(self.people.days)}"

    def never_in_register(self) -> str:
        return PRODUCER + self.zipf("never")

    def search(self) -> str:
        return f"{GOODS}q={self.zipf('words')}&limit=20"

    def one(self, stream: str) -> str:
        single = {
            "producer_by_bin": self.by_bin,
            "goods_by_code": self.by_code,
            "past_day": self.past_day,
            "never_in_register": self.never_in_register,
            "search": self.search,
        }
        if stream in single:
            return single[stream]()
        # The mix's shares, as the module's note gives them (cumulative).
        mix = ((0.5, self.by_bin), (0.7, self.by_code), (0.8, self.past_day), (0.9, self.never_in_register))
        roll = self.rng.random()
        return next((draw for bound, draw in mix if roll < bound), self.search)()

    def paths(self, stream: str, n: int) -> list[str]:
        return [self.one(stream) for _ in range(n)]
