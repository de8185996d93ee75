"""One pattern for every destructive action (ending a person's part in a review, removing an item,
dismissing a request, publishing, reopening, deleting): its form carries a box to tick ("confirm"), shown
behind the action's button (core/_confirm.html, a <details>: no script needed). A POST without the ticked
box changes nothing and answers with a page that says what the action would do and asks again
(core/confirm.html), so a stray click, a crafted request or a form without the box never destroys."""

from django.shortcuts import render

CONFIRM_FIELD = "confirm"


def confirmed(request) -> bool:
    return request.POST.get(CONFIRM_FIELD) == "yes"


def ask_to_confirm(request, *, question: str, action: str, back: str):
    """The confirmation page: `question` says what will happen, `action` labels the button; the form posts
    the same fields again to the same address with the box to tick. Nothing has been done."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
        for value in values
    ]
    context = {"question": question, "action": action, "back": back, "fields": fields, "target": request.path}
    return render(request, "core/confirm.html", context)
