"""How `ntm` speaks one language: Vietnamese, or English with `--lang en` or `NTM_LANG=en`.

Click writes its own words ("Usage:", "Options", "[required]", "Error: …", "Try … for help")
through the standard library's `gettext.gettext`, in gettext's default domain: click has no text
domain of its own. A translation installed there would need compiled .mo catalogues, would take
its language from the process-wide LANGUAGE / LC_* variables instead of each invocation's
`--lang`, and would translate every other library of the process that uses the default domain
(argparse, …). So `ntm` keeps click's English off the screen with the hooks click offers for it,
and takes every word from ntmlib.text (CLI_WORDS) and from the help table each command is
declared with (`words=HELP`: the HELP of the module of ntmlib.cli that declares it):

- NtmContext (Command.context_class) keeps the language in Context.meta, the place click's
  documentation gives for such state, and makes an NtmHelpFormatter (Context.formatter_class)
  whose write_usage writes "Cách dùng:".
- NtmCommand and NtmGroup (Group.command_class) write the help: format_help_text,
  format_arguments, format_options, format_commands and format_epilog (the examples, last,
  under "Ví dụ:"); collect_usage_pieces writes "[TÙY_CHỌN]"; get_help_option makes a --help
  with our description, and get_params adds `--lang` to every command the same way. Their
  parse_args and resolve_command report extra arguments and unknown commands themselves,
  and make_context and invoke turn the usage errors click raises (a missing option, a bad
  value, an unknown option) into NtmUsageError, built from the error's parts, not its text.
- NtmOption and NtmArgument (cls= of each parameter): get_help_record, make_metavar and
  get_error_hint write the descriptions, the placeholders ("NĂM"), "[bắt buộc]" and
  "[mặc định: …]".
- Int, Choice, DateTime and Folder: parameter types that fail with our messages.
- NtmUsageError: a click.UsageError whose show writes the usage line, the hint and "Lỗi: …";
  click's main shows it as it shows its own errors.

The language is read from the command line before click parses it (the last `--lang`, else
NTM_LANG, else Vietnamese), so the help and the errors of the parse itself are in it whatever
the order of the options.
"""
from __future__ import annotations

import difflib
import os
from datetime import datetime

import click
from click.formatting import join_options

from ..text import CLI_WORDS, LANGS, label

LANG_KEY = "ntmlib.lang"  # in Context.meta, shared by a command's context and its subcommands'
LANG_ENV = "NTM_LANG"


def default_language(args=()) -> str:
    """The language of an `ntm` invocation: the last valid `--lang` of `args`, else NTM_LANG, else 'vi'."""
    lang = None
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg[7:] if arg.startswith("--lang=") else None
        if value in LANGS:
            lang = value
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return lang or (env if env in LANGS else "vi")


def language(ctx: click.Context | None = None) -> str:
    """The language of the running `ntm` command (of `ctx`, else of the current click context)."""
    ctx = ctx or click.get_current_context(silent=True)
    return ctx.meta.get(LANG_KEY, default_language()) if ctx is not None else default_language()


def say(key: str, lang: str | None = None, **fmt) -> str:
    """The CLI_WORDS text `key` in `lang` (the running command's language when None), filled in with `fmt`."""
    return label(CLI_WORDS, key, lang or language(), **fmt)


def command_words(command: click.Command, lang: str) -> dict:
    """The help of `command` in `lang`: its entry (keyed by its name) in the table it was declared
    with (`words=`), or nothing."""
    return (getattr(command, "words", None) or {}).get(lang, {}).get(command.name, {})


def _command_words(ctx: click.Context) -> dict:
    return command_words(ctx.command, language(ctx))


def _word(ctx: click.Context, kind: str, name: str | None) -> str | None:
    """The command's own text of `kind` ('options', 'arguments', 'metavars') for parameter `name`,
    else the one all commands share."""
    own = _command_words(ctx).get(kind, {})
    if name in own:
        return own[name]
    return CLI_WORDS[language(ctx)].get(f"shared_{kind}", {}).get(name)


# --------------------------------------------------------------------------- errors


class NtmUsageError(click.UsageError):
    """A usage error in the command's language: usage line, hint, 'Lỗi: …' (exit status 2)."""

    def __init__(self, message: str, ctx: click.Context | None = None):
        super().__init__(message, ctx or click.get_current_context(silent=True))
        self.lang = language(self.ctx)

    def show(self, file=None) -> None:
        err = file is None
        if self.ctx is not None:
            hint = (say("try_help", self.lang, command=self.ctx.command_path) + "\n"
                    if self.ctx.command.get_help_option(self.ctx) is not None else "")
            click.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=err, color=self.ctx.color)
        click.echo(say("error", self.lang, message=self.format_message()), file=file, err=err)


class NtmAbort(click.ClickException):
    """Ctrl-C or end of input: one line in the command's language, exit status 1."""

    def __init__(self, lang: str):
        super().__init__(say("aborted", lang))

    def show(self, file=None) -> None:
        click.echo(file=file, err=file is None)  # ends the terminal's ^C line
        click.echo(self.message, file=file, err=file is None)


def _param_hint(param: click.Parameter | None, ctx: click.Context | None, given=None) -> str:
    if given is not None:
        return given if isinstance(given, str) else " / ".join(f"'{x}'" for x in given)
    return param.get_error_hint(ctx) if param is not None else ""


def localised(e: click.ClickException) -> click.ClickException:
    """A click error as an NtmUsageError in the command's language, written from its parts (the
    parameter, the option or command name), not from click's English text (an error of another
    kind keeps its own message)."""
    if isinstance(e, (NtmUsageError, NtmAbort, click.exceptions.NoArgsIsHelpError)):
        return e
    ctx = getattr(e, "ctx", None)
    lang = language(ctx)
    if isinstance(e, click.MissingParameter):
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "option")
        message = say("missing_argument" if kind == "argument" else "missing_option", lang,
                      name=_param_hint(e.param, ctx, e.param_hint))
    elif isinstance(e, click.BadParameter):
        hint = _param_hint(e.param, ctx, e.param_hint)
        message = say("invalid", lang, name=hint, message=e.message) if hint else e.message
    elif isinstance(e, click.NoSuchOption):
        message = say("no_such_option", lang, name=e.option_name)
        if e.possibilities:
            message += " " + say("did_you_mean", lang, names=", ".join(e.possibilities))
    elif isinstance(e, click.BadOptionUsage):
        option = next((p for p in (ctx.command.get_params(ctx) if ctx else []) if e.option_name in p.opts), None)
        flag = isinstance(option, click.Option) and option.is_flag
        message = say("takes_no_value" if flag else "needs_value", lang, name=e.option_name)
    else:
        message = e.format_message()
    error = NtmUsageError(message, ctx)
    error.exit_code = e.exit_code
    return error


# --------------------------------------------------------------------------- help pages


class NtmHelpFormatter(click.HelpFormatter):
    """click's help formatter, writing 'Cách dùng:' (or 'Usage:') before the usage line."""

    def __init__(self, *args, lang: str = "vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, its prefix in the formatter's language."""
        super().write_usage(prog, args, prefix if prefix is not None else say("usage", self.lang) + " ")


class NtmContext(click.Context):
    """A click context that knows the language of the invocation (Context.meta[LANG_KEY])."""

    formatter_class = NtmHelpFormatter

    def __init__(self, *args, lang: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if lang is not None or LANG_KEY not in self.meta:
            self.meta[LANG_KEY] = lang or default_language()

    @property
    def lang(self) -> str:
        return self.meta[LANG_KEY]

    def make_formatter(self) -> NtmHelpFormatter:
        """The help formatter, in this context's language."""
        return self.formatter_class(width=self.terminal_width, max_width=self.max_content_width, lang=self.lang)


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class NtmOption(click.Option):
    """An option whose description, placeholder and marks come from ntmlib.text, in the command's language."""

    def make_metavar(self, ctx: click.Context | None = None) -> str:
        choices = isinstance(self.type, click.Choice)  # '[table|csv]' says more than a word
        word = _word(ctx, "metavars", self.name) if ctx is not None and not choices else None
        return word or super().make_metavar(ctx)

    def get_error_hint(self, ctx: click.Context | None) -> str:
        hint = " / ".join(f"'{o}'" for o in self.opts)
        if self.show_envvar and self.envvar:
            hint += f" ({say('envvar', language(ctx), name=repr(self.envvar))})"
        return hint

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        """(spelling and placeholder, description [mặc định: …; bắt buộc]) of the option in the help."""
        if self.hidden:
            return None
        spec = join_options(self.opts)[0]
        if not self.is_flag and not self.count:
            spec += f" {self.make_metavar(ctx)}"
        lang = language(ctx)
        extra = []
        if self.show_default and not self.is_flag and self.default not in (None, (), ""):
            extra.append(say("default", lang, value=self.default))
        if self.show_envvar and self.envvar:
            extra.append(say("envvar", lang, name=self.envvar))
        if self.required:
            extra.append(say("required", lang))
        text = _word(ctx, "options", self.name) or self.help or ""
        return spec, f"{text}  [{'; '.join(extra)}]" if extra else text


class NtmArgument(click.Argument):
    """A positional argument whose placeholder ('DỮ_LIỆU') and description come from ntmlib.text."""

    def make_metavar(self, ctx: click.Context | None = None) -> str:
        word = _word(ctx, "metavars", self.name) if ctx is not None else None
        if not word:
            return super().make_metavar(ctx)
        return (word if self.required else f"[{word}]") + ("..." if self.nargs != 1 else "")

    def get_help_record(self, ctx: click.Context) -> tuple[str, str]:
        """(placeholder, description) of the argument in the help."""
        return self.make_metavar(ctx), _word(ctx, "arguments", self.name) or ""


def _lang_option() -> NtmOption:
    return NtmOption(["--lang"], type=Choice(LANGS), default="vi", show_default=True, envvar=LANG_ENV,
                     show_envvar=True, expose_value=False, is_eager=True)


class _Localised:
    """What NtmCommand and NtmGroup share: the help written from ntmlib.text, --help and --lang,
    click's usage errors in the command's language."""

    context_class = NtmContext

    def __init__(self, *args, words: dict | None = None, **kwargs):
        """click's command, with its help table `words` ({"vi": {name: {...}}, "en": {name: {...}}})."""
        super().__init__(*args, **kwargs)
        self.words = words or {}

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """The --help option, with its description in the command's language."""
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if getattr(self, "_help_option", None) is None:  # one object, as click's own: parsing relies on it
            self._help_option = NtmOption(names, is_flag=True, expose_value=False, is_eager=True, callback=_show_help)
        return self._help_option

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        """The command's parameters, then --lang, then --help."""
        params = super().get_params(ctx)
        if getattr(self, "_ntm_lang_option", None) is None:
            self._ntm_lang_option = _lang_option()
        at = next((i for i, p in enumerate(params) if p is self.get_help_option(ctx)), len(params))
        return [*params[:at], self._ntm_lang_option, *params[at:]]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """'[TÙY_CHỌN] DỮ_LIỆU' (or '[OPTIONS] DATASET')."""
        pieces = [say("options_metavar", language(ctx))] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """What the command does."""
        text = _command_words(ctx).get("help") or self.help or ""
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """'Tham số:' and each positional argument with its description."""
        rows = [p.get_help_record(ctx) for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        if rows:
            with formatter.section(say("arguments", language(ctx))):
                formatter.write_dl(rows)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """'Tùy chọn:' and each option with its description."""
        rows = [r for p in self.get_params(ctx) if not isinstance(p, click.Argument) and (r := p.get_help_record(ctx))]
        if rows:
            with formatter.section(say("options", language(ctx))):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """'Ví dụ:' and the command's examples, one a line, never wrapped (they are to be copied)."""
        examples = _command_words(ctx).get("examples", [])
        if examples:
            with formatter.section(say("examples", language(ctx))):
                for line in examples:
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """click's parsing, extra arguments reported in the command's language."""
        strict = not ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as e:  # the parser's own errors come without their context
            if e.ctx is None:
                e.ctx = ctx
            raise
        finally:
            ctx.allow_extra_args = not strict
        if strict and rest and not ctx.resilient_parsing:
            raise NtmUsageError(say("extra_args", language(ctx), args=" ".join(rest)), ctx)
        return rest

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """click's context, in the language of the command line; click's usage errors in it."""
        if parent is None:
            extra.setdefault("lang", default_language(args))
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as e:
            raise _converted(e) from None

    def invoke(self, ctx: click.Context):
        """Run the command; click's usage errors and Ctrl-C in the command's language."""
        try:
            return super().invoke(ctx)
        except click.ClickException as e:
            raise _converted(e) from None
        except (KeyboardInterrupt, EOFError, click.Abort):
            raise NtmAbort(language(ctx)) from None


def _converted(e: click.ClickException) -> click.ClickException:
    new = localised(e)
    if new is not e:
        new.__traceback__ = e.__traceback__
    return new


class NtmCommand(_Localised, click.Command):
    """A click command that speaks the invocation's language (see the module's docstring)."""


class NtmGroup(_Localised, click.Group):
    """A click group that speaks the invocation's language; its commands are NtmCommands."""

    command_class = NtmCommand
    group_class = type  # subgroups are NtmGroups too

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """'[TÙY_CHỌN] LỆNH [THAM_SỐ]...'."""
        return [*super().collect_usage_pieces(ctx), say("command_metavar", language(ctx))]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, then the commands."""
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """'Lệnh:' and each command with what it does, in one line."""
        lang = language(ctx)
        rows = [(name, command_words(cmd, lang).get("short") or cmd.get_short_help_str())
                for name in self.list_commands(ctx) if (cmd := self.get_command(ctx, name)) and not cmd.hidden]
        if rows:
            with formatter.section(say("commands", lang)):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """The command `args` starts with; an unknown one is an error naming the closest commands."""
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing and not name.startswith("-"):
            lang = language(ctx)
            message = say("no_such_command", lang, name=name)
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            if close:
                message += " " + say("did_you_mean", lang, names=", ".join(close))
            raise NtmUsageError(message, ctx)
        return super().resolve_command(ctx, args)


# --------------------------------------------------------------------------- parameter types


class Int(click.ParamType):
    """A whole number ('2023'), refused in the command's language."""

    name = "integer"

    def convert(self, value, param, ctx):
        """`value` as an int."""
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            self.fail(say("not_int", language(ctx), value=value), param, ctx)


class Choice(click.Choice):
    """One of a few words, refused in the command's language."""

    def get_invalid_choice_message(self, value, ctx) -> str:
        """"'x' không phải một trong table, csv."."""
        return say("not_choice", language(ctx), value=value, choices=", ".join(map(str, self.choices)))

    def get_missing_message(self, param, ctx) -> str:
        """Nothing: the missing-option message says it all."""
        return ""


class DateTime(click.DateTime):
    """A date written YYYY-MM-DD, refused in the command's language."""

    def __init__(self):
        super().__init__(formats=["%Y-%m-%d"])

    def convert(self, value, param, ctx):
        """`value` as a datetime."""
        if isinstance(value, datetime):
            return value
        try:
            return datetime.strptime(str(value), "%Y-%m-%d")
        except ValueError:
            self.fail(say("not_date", language(ctx), value=value), param, ctx)


class Folder(click.Path):
    """A folder (click.Path(file_okay=False)) that must exist when `exists`, refused in the command's language."""

    def __init__(self, exists: bool = False):
        super().__init__(file_okay=False, exists=exists)

    def convert(self, value, param, ctx):
        """`value`, checked."""
        if self.exists and not os.path.exists(value):
            self.fail(say("no_folder", language(ctx), path=value), param, ctx)
        if os.path.isfile(value):
            self.fail(say("is_file", language(ctx), path=value), param, ctx)
        return super().convert(value, param, ctx)


def option(*decls, **kwargs):
    """click.option making an NtmOption."""
    return click.option(*decls, cls=NtmOption, **kwargs)


def argument(*decls, **kwargs):
    """click.argument making an NtmArgument."""
    return click.argument(*decls, cls=NtmArgument, **kwargs)
