"""The same story framed differently: the central claim, headline and lead, sources, names.

- :func:`claim_status`: the status each version gives the story's central claim in its
  headline and lead: ``denied`` (a denial cue or a denial attribution), ``attributed`` (the
  claim is the content of an attribution, with its source), ``hedged`` (narrator hedges in
  the sentence), or ``asserted`` (none of these: the outlet states it).
- :func:`lead_framing`: for the headline and lead, the grammatical agent (the noun phrase
  before the first finite verb) and what comes first.
- :func:`source_framing`: sources named in several versions, with the cue verbs, stances
  and quote types each version uses for them; sources only one version gives a voice.
- :func:`naming_variants`: the same referent written differently across versions
  (Tehran/Teheran, Waltz/Walz), from entity canonical names plus close spellings.
- :func:`aligned_framing`: aligned sentences (the same content) hedged, attributed, cued,
  put in the passive without an agent, or placed differently.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.compare.result import Difference, Evidence
from framing.text.passive import find_passives
from framing.types import Attribution, FeatureSet, Sentence, Span

if TYPE_CHECKING:
    from framing.compare.align import Alignment

__all__ = [
    "ClaimStatus",
    "aligned_framing",
    "claim_status",
    "entity_tone",
    "entity_tone_differences",
    "lead_framing",
    "naming_variants",
    "source_framing",
    "word_choice_differences",
]

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NP_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "JJ", "DT", "POS", "CD", "PRP$", "HYPH"})
_STATUS_ORDER = ("denied", "attributed", "hedged", "asserted")


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    """How one version presents its central claim in one sentence (headline or lead)."""

    article_id: str
    outlet: str
    role: str  # "headline" or "lead"
    sentence: Sentence
    statuses: tuple[str, ...]
    agent: str | None
    evidence: tuple[Evidence, ...]
    opening: str = "actor"  # "clause", "source" or "actor": what the sentence puts first

    @property
    def main(self) -> str:
        """The strongest status: denied > attributed > hedged > asserted."""
        return next(s for s in _STATUS_ORDER if s in self.statuses)


def _ev(fs: FeatureSet, start: int, end: int, note: str = "") -> Evidence:
    return Evidence(fs.article.id, start, end, fs.article.text[start:end], note)


def _agent(fs: FeatureSet, sent: Sentence) -> tuple[str | None, Evidence | None]:
    toks = fs.document.tokens_of(sent.index)
    depth = 0
    for k, t in enumerate(toks):
        if t.text in ",(":
            depth += 1 if t.text == "(" else 0
        if t.pos in _FINITE and depth == 0:
            j = k
            while j > 0 and toks[j - 1].pos in _NP_TAGS and toks[j - 1].text != ",":
                j -= 1
            if j < k:
                s, e = toks[j].start, toks[k - 1].end
                return fs.article.text[s:e], _ev(fs, s, e, "agent")
            return None, None
    return None, None


def _in(span_start: int, span_end: int, sent: Sentence) -> bool:
    return sent.start <= span_start and span_end <= sent.end


def _central_sentences(fs: FeatureSet) -> list[tuple[str, Sentence]]:
    sents = fs.document.sentences
    out = []
    head = [s for s in sents if s.section == "headline"]
    body = [s for s in sents if s.section == "body"]
    if head:
        out.append(("headline", head[0]))
    if body:
        out.append(("lead", body[0]))
    return out


def _overlaps(a: Attribution, sent: Sentence) -> bool:
    refs = [r for r in (a.cue, a.content) if r is not None]
    return any(r.start < sent.end and sent.start < r.end for r in refs)


def claim_status(fs: FeatureSet) -> list[ClaimStatus]:
    """The status of the central claim in the headline (if any) and the lead of one version."""
    out = []
    for role, sent in _central_sentences(fs):
        statuses: list[str] = []
        evidence: list[Evidence] = []
        for a in fs.attributions:
            if not _overlaps(a, sent):
                continue
            if a.cue_stance == "denial" and a.cue is not None:
                statuses.append("denied")
                evidence.append(_ev(fs, a.cue.start, a.cue.end, "denial cue"))
            elif a.source is not None and a.content is not None:
                statuses.append("attributed")
                src = a.resolved or a.source
                evidence.append(_ev(fs, a.source.start, a.source.end,
                                    f"source ({a.source_type}: {src.text})"))
        hedges = [
            s for s in fs.spans
            if s.feature == "hedge" and s.voice == "narrator" and _in(s.start, s.end, sent)
        ]
        if hedges:
            statuses.append("hedged")
            evidence.extend(_ev(fs, h.start, h.end, f"hedge ({h.category})") for h in hedges)
        if not statuses:
            statuses.append("asserted")
            evidence.append(_ev(fs, sent.start, sent.end, "asserted by the narrator"))
        agent, agent_ev = _agent(fs, sent)
        if agent_ev is not None:
            evidence.append(agent_ev)
        opening, opening_ev = _opening(fs, sent, agent_ev)
        if opening_ev is not None:
            evidence.append(opening_ev)
        out.append(
            ClaimStatus(
                fs.article.id,
                fs.article.outlet,
                role,
                sent,
                tuple(dict.fromkeys(statuses)),
                agent,
                tuple(evidence),
                opening,
            )
        )
    return out


_MIN_CLAUSE_WORDS = 5  # a shorter lead-in ("Earlier this week,", "On Thursday,") is a setting


def _opening(
    fs: FeatureSet, sent: Sentence, agent: Evidence | None
) -> tuple[str, Evidence | None]:
    """What the sentence puts first: a framing clause, the source, or the actor.

    ``"clause"`` when at least five words come before the agent ("In apparent attempts by
    Iran to prepare for the return of Donald Trump as US President, a senior diplomat ...");
    ``"source"`` when the agent is the source of an attribution in the sentence ("the New
    York Times reported that ..."); ``"actor"`` otherwise.
    """
    if agent is None:
        return "actor", None
    lead_in = fs.article.text[sent.start:agent.start].strip(" ,;:—–-")
    if len([w for w in lead_in.split() if any(c.isalnum() for c in w)]) >= _MIN_CLAUSE_WORDS:
        end = sent.start + len(lead_in)
        return "clause", _ev(fs, sent.start, end, "opening clause")
    for a in fs.attributions:
        if a.source is not None and a.source.start < agent.end and agent.start < a.source.end:
            return "source", _ev(fs, a.source.start, a.source.end, "opens with the source")
    return "actor", None


def _describe(cs: ClaimStatus) -> str:
    """E.g. 'reports a denial (“rejects”) and distances it (“claims”), agent “Iran”'."""
    bits = []
    for status in cs.statuses:
        notes = [e for e in cs.evidence if e.note.startswith(_NOTE_OF[status])]
        quoted = ", ".join(f"“{e.text}”" for e in notes[:3])
        bits.append(_VERB_OF[status] + (f" ({quoted})" if quoted and status != "asserted" else ""))
    agent = f", with “{cs.agent}” as agent" if cs.agent else ""
    opening = next((e for e in cs.evidence if e.note == "opening clause"), None)
    first = ""
    if opening is not None:
        words = " ".join(opening.text.split())
        first = f", leading with “{words if len(words) <= 90 else words[:89] + '…'}”"
    elif cs.opening == "source":
        first = ", leading with its source"
    return " and ".join(bits) + agent + first


_VERB_OF = {
    "denied": "reports a denial",
    "attributed": "attributes it to a source",
    "hedged": "hedges it",
    "asserted": "asserts it",
}
_NOTE_OF = {"denied": "denial", "attributed": "source", "hedged": "hedge", "asserted": "asserted"}


def lead_framing(features: Sequence[FeatureSet]) -> list[Difference]:
    """One difference: how each version frames the central claim in its headline and lead."""
    statuses = {fs.article.id: claim_status(fs) for fs in features}
    parts = []
    evidence: list[Evidence] = []
    mains = set()
    for fs in features:
        for cs in statuses[fs.article.id]:
            mains.add(cs.main)
            parts.append(f"{fs.article.outlet}’s {cs.role} {_describe(cs)}")
            evidence.append(_ev(fs, cs.sentence.start, cs.sentence.end, cs.role))
            evidence.extend(cs.evidence)
    first = {fs.article.id: statuses[fs.article.id][0].main for fs in features
             if statuses[fs.article.id]}
    differs = len(set(first.values())) > 1
    summary = (
        "The versions frame the central claim differently: " if differs
        else "The versions frame the central claim alike: "
    ) + "; ".join(parts) + "."
    return [
        Difference(
            kind="claim_status",
            summary=summary,
            evidence=tuple(evidence),
            score=1.0 if differs else 0.2,
            attrs={
                "status": {
                    aid: [
                        {"role": cs.role, "statuses": list(cs.statuses), "agent": cs.agent,
                         "opening": cs.opening, "sentence": cs.sentence.index}
                        for cs in sts
                    ]
                    for aid, sts in statuses.items()
                }
            },
        )
    ]


def _without_possessive(text: str) -> str:
    """``text`` without a final possessive ("Iran’s" -> "Iran", "officials'" -> "officials")."""
    for end in ("’s", "'s", "’", "'"):
        if text.endswith(end):
            return text[: -len(end)]
    return text


def _source_key(fs: FeatureSet, a: Attribution) -> str | None:
    ref = a.resolved or a.source
    if ref is None:
        return None
    # The entity that heads the phrase (ends it) names the source: "Trump spokesperson
    # Steven Cheung" is Steven Cheung, not Trump; in "the Trump campaign" or "US officials"
    # the entity only modifies the head noun and does not name the source.
    tail = ref.start + len(_without_possessive(ref.text.rstrip(" \t\n,.;:")))
    for s in fs.spans:
        if (
            s.feature == "entity"
            and s.start >= ref.start
            and tail <= s.end <= ref.end
            and s.category in ("person", "organisation", "media", "place")
        ):
            return str(s.attrs.get("referent") or s.attrs.get("canonical", s.text))
    if a.source_type in ("anonymous", "vague", "pronoun"):
        return None
    words = [w for w in ref.text.split() if w.lower() not in ("the", "a", "an")]
    return " ".join(words) or None


def source_framing(features: Sequence[FeatureSet]) -> list[Difference]:
    """Sources shared by versions but cued differently, and sources only one version quotes."""
    table: dict[str, dict[str, list[Attribution]]] = defaultdict(lambda: defaultdict(list))
    for fs in features:
        for a in fs.attributions:
            key = _source_key(fs, a)
            if key:
                table[key][fs.article.id].append(a)
    by_id = {fs.article.id: fs for fs in features}
    out: list[Difference] = []
    for key, per in table.items():
        if len(per) >= 2:
            described = []
            evidence = []
            stance_sets = []
            for aid, atts in per.items():
                fs = by_id[aid]
                cues = Counter(a.cue.text.lower() for a in atts if a.cue is not None)
                stances = Counter(a.cue_stance for a in atts)
                stance_sets.append(frozenset(stances))
                cue_txt = ", ".join(f"“{c}”" for c, _ in cues.most_common(4)) or "no cue"
                described.append(f"{fs.article.outlet} {cue_txt} ({', '.join(sorted(stances))})")
                evidence.extend(_ev(fs, a.cue.start, a.cue.end, f"cue for {key}")
                                for a in atts if a.cue is not None)
            if len(set(stance_sets)) > 1 or len({len(v) for v in per.values()}) > 1:
                out.append(
                    Difference(
                        kind="same_source",
                        summary=f"{key} is cited by several versions, differently: "
                        + "; ".join(described) + ".",
                        evidence=tuple(evidence),
                        score=0.6 if len(set(stance_sets)) > 1 else 0.3,
                        attrs={"source": key},
                    )
                )
        else:
            [(aid, atts)] = per.items()
            fs = by_id[aid]
            others = [f.article.outlet for f in features if f.article.id != aid]
            a0 = atts[0]
            stances = sorted({a.cue_stance for a in atts})
            ref = a0.source or a0.resolved
            evidence = tuple(
                _ev(fs, a.source.start, a.source.end, f"{a.source_type} source")
                for a in atts if a.source is not None
            )
            out.append(
                Difference(
                    kind="source_only_in",
                    summary=(
                        f"Only {fs.article.outlet} gives a voice to {key} "
                        f"({a0.source_type}; {len(atts)} attribution"
                        f"{'s' if len(atts) > 1 else ''}, {', '.join(stances)}); "
                        f"{' and '.join(others)} do{'es' if len(others) == 1 else ''} not."
                    ),
                    evidence=evidence,
                    score=0.5 + 0.1 * min(len(atts), 3) + (0.2 if "denial" in stances else 0),
                    attrs={"source": key, "article_id": aid,
                           "source_text": ref.text if ref else None},
                )
            )
    return out


def _edit_distance_le1(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _bare_form(form: str) -> str:
    """A name without its possessive or plural ending, lower case: "Republicans" -> "republican"."""
    low = _without_possessive(form.lower())
    return low[:-1] if len(low) > 3 and low.endswith("s") and not low.endswith("ss") else low


def naming_variants(features: Sequence[FeatureSet]) -> list[Difference]:
    """Referents written differently across (or within) versions, with every mention."""
    mentions: dict[str, list[tuple[FeatureSet, Span]]] = defaultdict(list)
    for fs in features:
        for s in fs.spans:
            if s.feature == "entity":
                mentions[str(s.attrs.get("canonical", s.text))].append((fs, s))
    # close spellings the gazetteer does not know (one edit apart, 5+ letters)
    keys = sorted(mentions)
    merged: dict[str, str] = {}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if len(a) >= 5 and len(b) >= 5 and _edit_distance_le1(a.lower(), b.lower()):
                merged[b] = merged.get(a, a)
    for b, a in merged.items():
        mentions[a].extend(mentions.pop(b))
    out = []
    for canonical, ms in sorted(mentions.items()):
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for fs, s in ms:
            forms[fs.article.outlet][" ".join(s.text.split())] += 1
        all_forms = {f for c in forms.values() for f in c}
        if len(all_forms) < 2 or len(forms) < 2:
            continue
        per_outlet = {o: set(c) for o, c in forms.items()}
        if len({frozenset(v) for v in per_outlet.values()}) == 1:
            continue  # every version uses the same set of forms
        # only report spelling/label differences, not long vs short forms of a name
        shorts = {f for f in all_forms if any(f != g and f in g.split() for g in all_forms)}
        # a plural or possessive is the same name ("Republican" / "Republicans")
        distinct = {_bare_form(f) for f in all_forms - shorts}
        if len(distinct) < 2:
            continue
        desc = "; ".join(
            f"{o}: " + ", ".join(f"“{f}” ×{n}" for f, n in c.most_common())
            for o, c in forms.items()
        )
        out.append(
            Difference(
                kind="naming",
                summary=f"{canonical} is named differently: {desc}.",
                evidence=tuple(
                    Evidence(fs.article.id, s.start, s.end, s.text, f"{s.category}")
                    for fs, s in ms
                ),
                score=0.35,
                attrs={"canonical": canonical, "forms": {o: dict(c) for o, c in forms.items()}},
            )
        )
    return out


def _sentence_frame(fs: FeatureSet, index: int) -> dict[str, object]:
    sent = fs.document.sentences[index]
    atts = [a for a in fs.attributions if _overlaps(a, sent) and a.cue is not None]
    cues = [a.cue for a in atts if a.cue is not None]
    # a hedge that is also an attribution cue ("according to") is compared as attribution
    hedges = [
        s for s in fs.spans
        if s.feature == "hedge" and s.voice == "narrator" and _in(s.start, s.end, sent)
        and not any(c.start < s.end and s.start < c.end for c in cues)
    ]
    toks = fs.document.tokens_of(index)
    agentless = [
        (toks[p.aux].start, toks[p.verb].end)
        for p in find_passives([t.text for t in toks], [t.pos for t in toks]) if p.agentless
    ]
    return {"sentence": sent, "hedges": hedges, "attributions": atts,
            "stances": sorted({a.cue_stance for a in atts}), "agentless": agentless}


def aligned_framing(
    features: Sequence[FeatureSet], pairs: Sequence[object], *, min_position_gap: float = 0.4
) -> list[Difference]:
    """The same content framed differently in aligned sentences.

    For every aligned pair (``AlignedPair`` from :func:`framing.compare.align.align`): one
    side hedges it in the narrator's voice and the other does not; one attributes it and
    the other states it; both attribute it with different cue stances; or it stands at
    very different positions (relative position gap of at least ``min_position_gap``).
    """
    by_id = {fs.article.id: fs for fs in features}
    out: list[Difference] = []
    for p in pairs:
        fa, fb = by_id[p.a], by_id[p.b]  # type: ignore[attr-defined]
        i, j = p.i, p.j  # type: ignore[attr-defined]
        ra, rb = _sentence_frame(fa, i), _sentence_frame(fb, j)
        sa, sb = ra["sentence"], rb["sentence"]
        base_ev = (_ev(fa, sa.start, sa.end, "aligned sentence"),
                   _ev(fb, sb.start, sb.end, "aligned sentence"))
        quote_a, quote_b = _clip(sa.text), _clip(sb.text)
        findings: list[tuple[str, list[Evidence]]] = []
        if bool(ra["hedges"]) != bool(rb["hedges"]):
            hf, hr, other = (fa, ra, fb) if ra["hedges"] else (fb, rb, fa)
            words = ", ".join(f"“{h.text}”" for h in hr["hedges"])
            findings.append((
                f"{hf.article.outlet} hedges it ({words}), {other.article.outlet} does not",
                [_ev(hf, h.start, h.end, f"hedge ({h.category})") for h in hr["hedges"]],
            ))
        if bool(ra["attributions"]) != bool(rb["attributions"]):
            af, ar, other = (fa, ra, fb) if ra["attributions"] else (fb, rb, fa)
            srcs = ", ".join(
                label for a in ar["attributions"] if (label := a.source_label()) is not None
            )
            findings.append((
                f"{af.article.outlet} attributes it ({srcs or 'a cue without a named source'}), "
                f"{other.article.outlet} states it in its own voice",
                [_ev(af, a.cue.start, a.cue.end, "cue") for a in ar["attributions"]],
            ))
        elif ra["stances"] and rb["stances"] and ra["stances"] != rb["stances"]:
            findings.append((
                f"{fa.article.outlet} reports it with {'/'.join(ra['stances'])} cues, "
                f"{fb.article.outlet} with {'/'.join(rb['stances'])} cues",
                [_ev(f, a.cue.start, a.cue.end, f"cue ({a.cue_stance})")
                 for f, r in ((fa, ra), (fb, rb)) for a in r["attributions"]],
            ))
        if bool(ra["agentless"]) != bool(rb["agentless"]):
            pf, pr, other = (fa, ra, fb) if ra["agentless"] else (fb, rb, fa)
            verbs = ", ".join(f"“{pf.article.text[s:e]}”" for s, e in pr["agentless"])
            findings.append((
                f"{pf.article.outlet} puts it in the passive without saying who acted "
                f"({verbs}), {other.article.outlet} does not",
                [_ev(pf, s, e, "agentless passive") for s, e in pr["agentless"]],
            ))
        na, nb = len(fa.document.sentences), len(fb.document.sentences)
        pa, pb = i / max(na - 1, 1), j / max(nb - 1, 1)
        if abs(pa - pb) >= min_position_gap:
            early, late = ((fa, i, na), (fb, j, nb)) if pa < pb else ((fb, j, nb), (fa, i, na))
            findings.append((
                f"{early[0].article.outlet} puts it early (sentence {early[1] + 1} of "
                f"{early[2]}), {late[0].article.outlet} late (sentence {late[1] + 1} of "
                f"{late[2]})",
                [],
            ))
        if not findings:
            continue
        # one difference per aligned pair, with every way the framing differs
        out.append(
            Difference(
                kind="same_claim",
                summary=(f"The same content is framed differently: "
                         f"{'; '.join(text for text, _ in findings)} "
                         f"({fa.article.outlet}: “{quote_a}”; "
                         f"{fb.article.outlet}: “{quote_b}”)."),
                evidence=(*base_ev, *(e for _, ev in findings for e in ev)),
                score=0.3 + 0.4 * float(p.similarity)  # type: ignore[attr-defined]
                + 0.05 * (len(findings) - 1),
                attrs={"a": p.a, "i": i, "b": p.b, "j": j,  # type: ignore[attr-defined]
                       "similarity": round(float(p.similarity), 4)},  # type: ignore[attr-defined]
            )
        )
    return out


def _clip(text: str, limit: int = 90) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def entity_tone(fs: FeatureSet) -> dict[str, tuple[float, int, tuple[Span, ...]]]:
    """Tone toward each entity: mean VADER compound of the sentences that mention it.

    Sentences below VADER's threshold count as 0. Returns ``canonical -> (mean, mentions,
    tone spans)``; the tone spans are the evidence.
    """
    tone_by_sentence = {
        fs.document.sentence_of(s.start): s for s in fs.spans if s.feature == "tone"
    }
    acc: dict[str, list[tuple[int, Span | None]]] = defaultdict(list)
    for s in fs.spans:
        if s.feature == "entity" and s.category in ("person", "organisation", "place", "media"):
            i = fs.document.sentence_of(s.start)
            acc[str(s.attrs.get("referent") or s.attrs.get("canonical", s.text))].append(
                (i, tone_by_sentence.get(i))
            )
    out = {}
    for key, items in acc.items():
        seen = dict(items)  # one value per sentence
        scores = [t.score if t is not None and t.score is not None else 0.0
                  for t in seen.values()]
        out[key] = (
            sum(scores) / len(scores),
            len(items),
            tuple(t for t in seen.values() if t is not None),
        )
    return out


def entity_tone_differences(
    features: Sequence[FeatureSet], *, min_gap: float = 0.3, min_mentions: int = 2
) -> list[Difference]:
    """Entities mentioned by several versions in sentences of clearly different tone."""
    tones = {fs.article.id: entity_tone(fs) for fs in features}
    keys = set.intersection(*(set(t) for t in tones.values())) if tones else set()
    out = []
    for key in sorted(keys):
        vals = {fs.article.id: tones[fs.article.id][key] for fs in features}
        if any(v[1] < min_mentions for v in vals.values()):
            continue
        means = [v[0] for v in vals.values()]
        gap = max(means) - min(means)
        if gap < min_gap:
            continue
        parts = "; ".join(
            f"{fs.article.outlet} {vals[fs.article.id][0]:+.2f} over "
            f"{vals[fs.article.id][1]} mentions"
            for fs in features
        )
        out.append(
            Difference(
                kind="entity_tone",
                summary=f"Sentences mentioning {key} differ in tone (mean VADER compound): "
                f"{parts}.",
                evidence=tuple(
                    Evidence(fs.article.id, s.start, s.end, s.text, f"tone {s.score:+.2f}")
                    for fs in features
                    for s in vals[fs.article.id][2]
                ),
                score=min(gap, 1.0) * 0.6,
                attrs={"entity": key, "tone": {k: round(v[0], 4) for k, v in vals.items()}},
            )
        )
    return out


def word_choice_differences(
    features: Sequence[FeatureSet],
    *,
    min_score: float = 0.6,
    alignment: Alignment | None = None,
) -> list[Difference]:
    """Different words for the same referent, one difference per referent.

    Pairs come from :func:`framing.features.wordchoice.word_choice_pairs`; a referent is
    reported when one of its pairs is strong (``score >= min_score``) or loaded. Names
    spelled differently are left to :func:`naming_variants`.
    """
    from framing.features.wordchoice import word_choice_pairs

    by_id = {fs.article.id: fs for fs in features}
    pairs = word_choice_pairs([fs.document for fs in features], alignment=alignment)
    groups: dict[str, list] = defaultdict(list)
    for p in pairs:
        if p.score >= min_score or any(p.loaded):
            groups[p.referent].append(p)
    out = []
    for referent, ps in groups.items():
        if not any(any(p.loaded) for p in ps):
            continue  # unloaded alternatives (names, titles) are naming, not word choice
        wordings: dict[str, dict[str, str | None]] = defaultdict(dict)
        spans: dict[str, list[Span]] = defaultdict(list)
        for p in ps:
            wordings[p.a].setdefault(p.a_text, p.loaded[0])
            wordings[p.b].setdefault(p.b_text, p.loaded[1])
            spans[p.a].extend(p.a_spans)
            spans[p.b].extend(p.b_spans)
        parts = []
        for aid, words in wordings.items():
            shown = ", ".join(
                f"“{w}”" + (f" ({cat.replace('_', ' ')})" if cat else "")
                for w, cat in sorted(words.items(), key=lambda kv: (kv[1] is None, kv[0]))
            )
            parts.append(f"{by_id[aid].article.outlet} {shown}")
        label = (
            "in the same place of aligned sentences" if referent.startswith("slot:")
            else referent.replace("_", " ")
        )
        seen: set[tuple[str, int, int]] = set()
        evidence = []
        for aid, ss in spans.items():
            for s in sorted(ss, key=lambda s: s.start):
                if (aid, s.start, s.end) not in seen:
                    seen.add((aid, s.start, s.end))
                    evidence.append(Evidence(aid, s.start, s.end, s.text, "wording"))
        out.append(
            Difference(
                kind="word_choice",
                summary=(f"Different words for the same thing ({label}): " if
                         not referent.startswith("slot:") else f"Different words {label}: ")
                + "; ".join(parts)
                + ".",
                evidence=tuple(evidence),
                score=max(p.score for p in ps),
                attrs={"referent": referent, "pairs": [p.to_dict() for p in ps]},
            )
        )
    return out
