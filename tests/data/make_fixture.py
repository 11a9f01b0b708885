#!/usr/bin/env python3
"""Writes fixture.jsonl: two hand-made extractions in the format `summit extract` prints.

They let the end-to-end tests check the query commands on a graph whose every node and
sentence is known, whatever the extractor finds in seeds/. Run from this folder:

    python3 make_fixture.py > fixture.jsonl
"""
import json

ARTICLE_A_TEXT = (
    "Russian Foreign Minister Sergey Lavrov met his Iranian counterpart Hossein Amir-Abdollahian in Moscow on Wednesday. "
    "The two ministers discussed the JCPOA. "
    "Lavrov represents Russia at the talks."
)
ARTICLE_B_TEXT = (
    "John Smith will speak with Jane Smith by phone next week. "
    "Both Smiths work for the United Kingdom."
)


def span(text, sentence, article):
    start = text.index(sentence)
    return {"article": article, "sentence": sentence, "start": start, "end": start + len(sentence)}


def node(kind, slug, name, aliases=(), keys=(), props=None, evidence=()):
    return {
        "id": f"{kind}/{slug}",
        "kind": kind,
        "name": name,
        "aliases": sorted(aliases),
        "keys": sorted(keys),
        "props": props or {},
        "evidence": list(evidence),
    }


def edge(src, kind, dst, evidence=(), props=None):
    return {"src": src, "kind": kind, "dst": dst, "props": props or {}, "evidence": list(evidence)}


def extraction(article_id, source, date, text, nodes, edges):
    article_node = node("article", article_id, source)
    mentions = [edge(article_node["id"], "mentions", n["id"]) for n in nodes]
    return {
        "article": {"id": article_id, "source": source, "title": None, "date": date, "bytes": len(text.encode())},
        "nodes": [article_node] + nodes,
        "edges": edges + mentions,
    }


def article_a():
    aid, text = "aaaaaaaaaaaaaaaa", ARTICLE_A_TEXT
    met = span(text, text.split(". ")[0] + ".", aid)
    jcpoa = span(text, "The two ministers discussed the JCPOA.", aid)
    rep = span(text, "Lavrov represents Russia at the talks.", aid)
    lavrov = node("person", "sergey-lavrov", "Sergey Lavrov", ["Lavrov"], ["sergeylavrov", "lavrov"],
                  {"role": "Foreign Minister"}, [met])
    amir = node("person", "hossein-amir-abdollahian", "Hossein Amir-Abdollahian", ["Amir-Abdollahian"],
                ["hosseinamirabdollahian", "amirabdollahian"], {"role": "Foreign Minister"}, [met])
    russia = node("country", "russia", "Russia", [], ["russia"], {}, [rep])
    iran = node("country", "iran", "Iran", [], ["iran"], {}, [met])
    meeting = node("meeting", "2023-03-29-lavrov-amir-abdollahian", "Lavrov – Amir-Abdollahian talks", [], [],
                   {"date": "2023-03-29", "status": "held", "type": "talks"}, [met])
    topic = node("topic", "jcpoa", "JCPOA", [], ["jcpoa"], {}, [jcpoa])
    moscow = node("place", "moscow", "Moscow", [], ["moscow"], {}, [met])
    edges = [
        edge(lavrov["id"], "represents", russia["id"], [rep]),
        edge(amir["id"], "represents", iran["id"], [met]),
        edge(lavrov["id"], "attended", meeting["id"], [met]),
        edge(amir["id"], "attended", meeting["id"], [met]),
        edge(meeting["id"], "discussed", topic["id"], [jcpoa]),
        edge(meeting["id"], "held_in", moscow["id"], [met]),
        edge(moscow["id"], "located_in", russia["id"], [met]),
    ]
    return extraction(aid, "fixture/a.txt", "2023-03-29", text,
                      [lavrov, amir, russia, iran, meeting, topic, moscow], edges)


def article_b():
    aid, text = "bbbbbbbbbbbbbbbb", ARTICLE_B_TEXT
    call = span(text, "John Smith will speak with Jane Smith by phone next week.", aid)
    work = span(text, "Both Smiths work for the United Kingdom.", aid)
    john = node("person", "john-smith", "John Smith", [], ["johnsmith", "smith"], {}, [call])
    jane = node("person", "jane-smith", "Jane Smith", [], ["janesmith", "smith"], {}, [call])
    uk = node("country", "united-kingdom", "United Kingdom", [], ["unitedkingdom"], {}, [work])
    meeting = node("meeting", "2024-01-10-smith-smith", "Smith – Smith phone call", [], [],
                   {"date": "2024-01-10", "status": "planned", "type": "phone_call"}, [call])
    edges = [
        edge(john["id"], "represents", uk["id"], [work]),
        edge(jane["id"], "represents", uk["id"], [work]),
        edge(john["id"], "attended", meeting["id"], [call]),
        edge(jane["id"], "attended", meeting["id"], [call]),
    ]
    return extraction(aid, "fixture/b.txt", "2024-01-03", text, [john, jane, uk, meeting], edges)


for record in (article_a(), article_b()):
    print(json.dumps(record, ensure_ascii=False, sort_keys=True))
