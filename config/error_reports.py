"""What log lines and Django's error reports (the mail to ADMINS, any handler built on
ExceptionReporter) may show: no personal data, no manage token (docs/security.md)."""

import logging
import re

from django.views.debug import SafeExceptionReporterFilter


class NoPersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Django's filter hides only what a view marks sensitive, and shows every frame's local
    variables. A crash inside a public form's handling would then mail the visitor's name, address
    and answers to ADMINS from the locals of every function on the way (tests/home/
    test_no_personal_data_in_logs.py). Outside DEBUG this filter keeps the traceback (file, line,
    code) and drops all posted values and all local variables, whatever the view: what went wrong
    is in the code path, never in what a person typed."""

    def get_post_parameters(self, request):
        if request is None or not self.is_active(request):
            return super().get_post_parameters(request)
        return {key: self.cleansed_substitute for key in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


MANAGE_LINK_TOKEN = re.compile(r"(/manage/)[^/\s\"']+")


class MaskManageTokens(logging.Filter):
    """A manage link's token opens a registration: log lines that quote a path ("Not Found: …",
    "Internal Server Error: …") show `/manage/…` instead. Never drops a record."""

    def filter(self, record):
        message = record.getMessage()
        masked = MANAGE_LINK_TOKEN.sub(r"\1…", message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class TemplateLookupsWithoutContext(logging.Filter):
    """At DEBUG, django.template logs each variable a template could not resolve with the exception
    attached, whose text quotes the whole template context: a registration mail's context holds the
    registrant (tests/home/test_no_personal_data_in_logs.py). The line keeps the variable's and the
    template's names, which is what a developer needs; the exception goes."""

    def filter(self, record):
        record.exc_info = record.exc_text = None
        return True
