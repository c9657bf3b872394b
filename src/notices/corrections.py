"""A maintainer's corrections of tasks (the sidecar's `tasks:`): a task's agencies and their
roles replaced by those the maintainer wrote, resolved as the text's own are; the task is
marked corrected, so that its page says so."""

from __future__ import annotations

from dataclasses import replace

from .errors import NoticeError
from .model import Agency, AgencyRef, Jurisdiction, Task
from .registry import Registry
from .sidecar import Sidecar


def correct_tasks(tasks: list[Task], sidecar: Sidecar, registry: Registry, home: Jurisdiction,
                  agencies: dict[str, Agency]) -> list[Task]:
    """`tasks` with the corrected ones replaced; the agencies they name are added to `agencies`.
    A task id the notice does not have is an error on the sidecar's line."""
    if not sidecar.tasks:
        return tasks
    known = {task.id for task in tasks}
    for task_id in sidecar.tasks:
        if task_id not in known:
            sample = "、".join(sorted(known)[:6]) + ("…" if len(known) > 6 else "")
            raise NoticeError(sidecar.path or "sidecar", f"本通知没有任务 {task_id}；任务编号有：{sample or '（无）'}",
                              f"this notice has no task {task_id}; its tasks are: {sample or '(none)'}",
                              sidecar.task_lines.get(task_id))
    out = []
    for task in tasks:
        written = sidecar.tasks.get(task.id)
        if written is None:
            out.append(task)
            continue
        refs = []
        for name, role in written:
            if registry.is_generic(name):  # a generic group (各成员单位) is never an agency of its own
                refs.append(AgencyRef(None, name, role, generic=True))
                continue
            agency = registry.resolve_agency(name, home)
            agencies.setdefault(agency.id, replace(agency, name=name))
            refs.append(AgencyRef(agency.id, name, role))
        out.append(replace(task, agencies=refs, corrected=True))
    return out
