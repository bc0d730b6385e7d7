/** `eks-jobs completion bash|zsh`: a completion script of the command names (static). */
import { type Command, createArgument } from 'commander';
import type { CliContext } from '../context.js';

/** Each command's subcommands and flags, read from the program so new commands complete too. */
function commandWords(program: Command): Map<string, string[]> {
  const words = new Map<string, string[]>();
  const flags = (c: Command) => c.options.flatMap((o) => [o.short, o.long].filter((f): f is string => !!f));
  words.set('', [...program.commands.map((c) => c.name()), ...flags(program)]);
  for (const c of program.commands) {
    words.set(c.name(), [...c.commands.map((s) => s.name()), ...flags(c)]);
  }
  return words;
}

export function completionScript(shell: 'bash' | 'zsh', program: Command): string {
  const words = commandWords(program);
  const cases = [...words]
    .filter(([name]) => name !== '')
    .map(([name, list]) => `    ${name}) words="${list.join(' ')}" ;;`)
    .join('\n');
  const bash = `_eks_jobs() {
  local cur words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  case "\${COMP_WORDS[1]}" in
${cases}
    *) words="${(words.get('') ?? []).join(' ')}" ;;
  esac
  if [ "$COMP_CWORD" -eq 1 ]; then words="${(words.get('') ?? []).join(' ')}"; fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F _eks_jobs eks-jobs
`;
  if (shell === 'bash') return `# eks-jobs bash completion: eval "$(eks-jobs completion bash)"\n${bash}`;
  return `# eks-jobs zsh completion: eval "$(eks-jobs completion zsh)"\nautoload -U +X bashcompinit && bashcompinit\n${bash}`;
}

export function registerCompletion(program: Command, ctx: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(createArgument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .addHelpText('after', '\nExamples:\n  eval "$(eks-jobs completion bash)"   # in ~/.bashrc')
    .action((shell: 'bash' | 'zsh') => {
      ctx.io.out(completionScript(shell, program));
    });
}
