"""Journeys (GOV.UK's step-by-step pattern): the pages or posts of one `Journey:`, ordered by
their `Step:`, each shown with the whole list of steps and links to the previous and next one.
Computed once everything is read, so templates only display."""

from pelican import signals

from kernel import content
from kernel.problems import channel

from .steps import Entry, ordered_journeys

# Items that are written in this build: a draft step is not part of the journey yet.
LISTS = ("articles", "pages", "hidden_pages")


def annotate(generators) -> None:
    for item in content.content_items(generators):
        item.journey = None
    entries = []
    for item in content.content_items(generators, LISTS):
        journey = str(item.metadata.get("journey", "")).strip()
        step = str(item.metadata.get("step", "")).strip()
        if not journey and not step:
            continue
        source = content.source_of(item.source_path)
        entries.append(
            Entry(
                item.source_path,
                journey,
                source.line_of("journey"),
                step,
                source.line_of("step"),
                item,
            )
        )
    journeys, problems = ordered_journeys(entries)
    channel.report_all(problems)
    summary = {}
    for name, steps in journeys.items():
        items = [entry.item for entry in steps]
        summary[name] = [[item.title, item.url] for item in items]
        for index, item in enumerate(items):
            item.journey = {
                "name": name,
                "steps": items,
                "number": index + 1,
                "previous": items[index - 1] if index else None,
                "next": items[index + 1] if index + 1 < len(items) else None,
            }
    if generators:
        # In the settings, so the preview's render cache sees a change to any journey.
        generators[0].settings["JOURNEYS"] = summary


def register():
    # After every post and page is read (titles and addresses known), before any is written.
    signals.all_generators_finalized.connect(annotate)
