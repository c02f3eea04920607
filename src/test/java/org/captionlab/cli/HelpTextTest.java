package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Help texts wrap between words only: every word of every option's description appears whole at 80 columns. */
class HelpTextTest {

    @Test
    void noOptionDescriptionIsBrokenInsideAWord() {
        CommandLine top = CaptionLabCommand.commandLine();
        for (CommandLine sub : top.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().width(80).autoWidth(false);
            String help = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
            Set<String> rendered = new HashSet<>(Arrays.asList(help.split("\\s+")));
            for (OptionSpec option : sub.getCommandSpec().options()) {
                for (String line : option.description()) {
                    List<String> words = Arrays.stream(line.split("\\s+"))
                            .filter(w -> !w.isBlank() && !w.contains("${") && !w.contains("%"))
                            .toList();
                    assertThat(rendered).as("%s %s", sub.getCommandName(), option.longestName())
                            .containsAll(words.stream().filter(w -> !w.contains("}")).collect(Collectors.toList()));
                }
            }
        }
    }
}
