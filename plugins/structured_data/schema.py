"""JSON-LD as plain dicts (rendered with `|tojson`, never assembled from strings)."""

from __future__ import annotations

from kernel.content import reviewed_date, updated_date


def absolute(siteurl: str, path: str) -> str:
    return f"{siteurl}/{path}" if path else f"{siteurl}/"


def therapist_person(settings: dict) -> dict:
    """The therapist as a Person: who the practice employs and who reviews the pages."""
    return {
        "@type": "Person",
        "@id": absolute(settings["SITEURL"], "about/") + "#therapist",
        "name": settings["THERAPIST_NAME"],
        "honorificSuffix": settings["THERAPIST_CREDENTIALS"],
    }


def practice(settings: dict) -> list[dict]:
    """The practice and the therapist, from settings."""
    siteurl = settings["SITEURL"]
    therapist = {
        **therapist_person(settings),
        "jobTitle": settings["LICENSE_TYPE"],
        "url": absolute(siteurl, "about/"),
    }
    service = {
        "@type": "ProfessionalService",
        "@id": absolute(siteurl, "") + "#practice",
        "name": settings["PRACTICE_NAME"],
        "url": absolute(siteurl, ""),
        "description": settings["SITE_DESCRIPTION"],
        "areaServed": settings["TELEHEALTH_STATES"],
        "address": settings["PRACTICE_LOCATION"],
        "email": settings["CONTACT_EMAIL"],
        "employee": {"@id": therapist["@id"]},
        "potentialAction": {"@type": "ReserveAction", "target": settings["BOOKING_URL"]},
    }
    return [{"@context": "https://schema.org", "@graph": [service, therapist]}]


def share_image_path(article, settings: dict) -> str:
    """The post's own share image (set by plugins/share_images), else the site's default."""
    image = getattr(article, "share_image", None)
    return image.path if image is not None else settings["SOCIAL_IMAGE"]


def blog_posting(article, settings: dict) -> dict:
    """A schema.org BlogPosting for one article."""
    siteurl = settings["SITEURL"]
    url = absolute(siteurl, article.url)
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.metadata.get("summary_text", ""),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "dateModified": (updated_date(article) or article.date).isoformat(),
        "author": {
            "@type": "Person",
            "name": str(article.author),
            "url": absolute(siteurl, "about/"),
        },
        "publisher": {
            "@type": "Organization",
            "name": settings["PRACTICE_NAME"],
            "url": absolute(siteurl, ""),
        },
        "image": absolute(siteurl, share_image_path(article, settings)),
        "articleSection": str(article.category),
        "keywords": [str(tag) for tag in getattr(article, "tags", [])],
        "wordCount": article.word_count,
        "inLanguage": settings["DEFAULT_LANG"],
    }
    return data


def web_page(item, settings: dict) -> dict:
    """The page a post or clinical page is on: schema.org puts the review (`lastReviewed`,
    `reviewedBy`) on a WebPage, not on the BlogPosting."""
    siteurl = settings["SITEURL"]
    url = absolute(siteurl, item.url)
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": item.title,
        "inLanguage": settings["DEFAULT_LANG"],
    }
    reviewed = reviewed_date(item)
    if reviewed:
        data["lastReviewed"] = reviewed.date().isoformat()
        data["reviewedBy"] = therapist_person(settings)
    return data
