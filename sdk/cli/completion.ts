import type { Command, Option } from "commander";

// Shell completion scripts written from the program's own commands and options, so a new command or option
// completes the day it is added, with nothing to keep in step by hand.

interface CommandNode {
  /** The words that reach it from the program: "" for the program itself, "member add" for a subcommand. */
  path: string;
  subcommands: { name: string; description: string }[];
  options: { flag: string; description: string }[];
  /** Options followed by a value (a file, an address, an amount): the word after them is not a command. */
  valueOptions: string[];
}

function flagsOf(option: Option): string[] {
  return [option.long, option.short].filter((flag): flag is string => flag !== undefined);
}

function commandTree(program: Command): CommandNode[] {
  const nodes: CommandNode[] = [];
  const visit = (command: Command, path: string) => {
    const options = command.options;
    nodes.push({
      path,
      subcommands: command.commands.map((sub) => ({ name: sub.name(), description: sub.description() })),
      options: [
        ...options.flatMap((option) => flagsOf(option).map((flag) => ({ flag, description: option.description }))),
        { flag: "--help", description: "show help" },
      ],
      valueOptions: options.filter((option) => option.required || option.optional).flatMap(flagsOf),
    });
    for (const sub of command.commands) visit(sub, path === "" ? sub.name() : `${path} ${sub.name()}`);
  };
  visit(program, "");
  return nodes;
}

/** A word inside single quotes, for either shell. */
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const caseOf = (nodes: CommandNode[], words: (node: CommandNode) => string[]) =>
  nodes
    .filter((node) => words(node).length > 0)
    .map((node) => `    ${quoted(node.path)}) reply=(${words(node).map(quoted).join(" ")}) ;;`)
    .join("\n");

/** The bash completion script of `program`: `source <(komuno completion bash)`. */
export function bashCompletion(program: Command): string {
  const name = program.name();
  const nodes = commandTree(program);
  return `# bash completion for ${name}, written by \`${name} completion bash\` from its commands and options.
# Load it in this shell:   source <(${name} completion bash)
# or for every shell:      ${name} completion bash > ~/.local/share/bash-completion/completions/${name}
_${name}_words() {
  local kind="$1" path="$2"
  reply=()
  case "$kind" in
  subcommands)
    case "$path" in
${caseOf(nodes, (node) => node.subcommands.map((sub) => sub.name))}
    esac ;;
  options)
    case "$path" in
${caseOf(nodes, (node) => node.options.map((option) => option.flag))}
    esac ;;
  values)
    case "$path" in
${caseOf(nodes, (node) => node.valueOptions)}
    esac ;;
  esac
}

# Whether the option $2 of command $1 (or of the program) is followed by a value.
_${name}_takes_value() {
  local reply word p
  for p in "$1" ""; do
    _${name}_words values "$p"
    for word in "\${reply[@]}"; do [[ "$word" == "$2" ]] && return 0; done
  done
  return 1
}

_${name}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmdpath="" word i reply sub
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$word" == -* ]]; then
      [[ "$word" != *=* ]] && _${name}_takes_value "$cmdpath" "$word" && ((i++))
      continue
    fi
    _${name}_words subcommands "$cmdpath"
    for sub in "\${reply[@]}"; do
      if [[ "$sub" == "$word" ]]; then
        cmdpath="\${cmdpath:+$cmdpath }$word"
        break
      fi
    done
  done
  if [[ "$prev" == -* ]] && _${name}_takes_value "$cmdpath" "$prev"; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  if [[ "$cur" == -* ]]; then
    local options=()
    _${name}_words options "$cmdpath"
    options+=("\${reply[@]}")
    [[ -n "$cmdpath" ]] && _${name}_words options "" && options+=("\${reply[@]}")
    COMPREPLY=($(compgen -W "\${options[*]}" -- "$cur"))
    return
  fi
  _${name}_words subcommands "$cmdpath"
  if ((\${#reply[@]} > 0)); then
    COMPREPLY=($(compgen -W "\${reply[*]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _${name} ${name}
`;
}

/** The zsh completion script of `program`, with each command's and option's description. */
export function zshCompletion(program: Command): string {
  const name = program.name();
  const nodes = commandTree(program);
  // _describe reads "name:description"; a colon in the name itself would need escaping, and ours have none.
  const described = (items: { name: string; description: string }[]) =>
    items.map((item) => `${item.name}:${item.description.replace(/\s+/g, " ")}`);
  return `#compdef ${name}
# zsh completion for ${name}, written by \`${name} completion zsh\` from its commands and options.
# Load it in this shell (after compinit):   source <(${name} completion zsh)
# or for every shell: save it as _${name} in a folder of $fpath, e.g.
#   ${name} completion zsh > ~/.zsh/completions/_${name}   (with fpath=(~/.zsh/completions $fpath) before compinit)
_${name}_words() {
  local kind="$1" cmdpath="$2"
  reply=()
  case "$kind" in
  subcommands)
    case "$cmdpath" in
${caseOf(nodes, (node) => described(node.subcommands))}
    esac ;;
  options)
    case "$cmdpath" in
${caseOf(nodes, (node) => described(node.options.map((option) => ({ name: option.flag, description: option.description }))))}
    esac ;;
  values)
    case "$cmdpath" in
${caseOf(nodes, (node) => node.valueOptions)}
    esac ;;
  esac
}

_${name}_takes_value() {
  local -a reply
  local p
  for p in "$1" ""; do
    _${name}_words values "$p"
    (( \${reply[(Ie)$2]} )) && return 0
  done
  return 1
}

_${name}() {
  local cmdpath="" word i
  local -a reply subs options
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    if [[ "$word" == -* ]]; then
      [[ "$word" != *=* ]] && _${name}_takes_value "$cmdpath" "$word" && ((i++))
      continue
    fi
    _${name}_words subcommands "$cmdpath"
    subs=("\${reply[@]%%:*}")
    (( \${subs[(Ie)$word]} )) && cmdpath="\${cmdpath:+$cmdpath }$word"
  done
  if [[ "\${words[CURRENT-1]}" == -* ]] && _${name}_takes_value "$cmdpath" "\${words[CURRENT-1]}"; then
    _files
    return
  fi
  if [[ "$PREFIX" == -* ]]; then
    _${name}_words options "$cmdpath"
    options=("\${reply[@]}")
    if [[ -n "$cmdpath" ]]; then
      _${name}_words options ""
      options+=("\${reply[@]}")
    fi
    _describe -t options option options
    return
  fi
  _${name}_words subcommands "$cmdpath"
  if (( \${#reply} )); then
    subs=("\${reply[@]}")
    _describe -t commands command subs
  else
    _files
  fi
}
compdef _${name} ${name}
`;
}
