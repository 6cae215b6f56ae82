import { Menu, MenuButton, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { MenuProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../../app/stores/status-store';
import { AGENT_CHOICES, agentStateKey, setAgentState } from './agent-actions';
import { useAgentStateError } from './agent-error';

const useStyles = makeStyles({
  wrap: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** The consultant's own availability: stored by the core and sent to the backend as work. */
export function AgentStateMenu() {
  const { t } = useTranslation();
  const styles = useStyles();
  const agent = useStatusStore((state) => state.status?.agent);
  const { error, run } = useAgentStateError();
  const current = agent ? (AGENT_CHOICES.find((choice) => choice.state === agent.state && choice.reason === agent.reason)?.id ?? '') : '';

  const onChange: MenuProps['onCheckedValueChange'] = (_, data) => {
    const choice = AGENT_CHOICES.find((candidate) => candidate.id === data.checkedItems[0]);
    if (choice) run(() => setAgentState(choice.state, choice.reason));
  };

  return (
    <div className={styles.wrap}>
      <Text id="agent-state-label">{t('agent.label')}</Text>
      <Menu checkedValues={{ agentState: [current] }} onCheckedValueChange={onChange}>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton id="agent-state-button" aria-labelledby="agent-state-label agent-state-button" data-testid="agent-state-button">
            {agent ? t(agentStateKey(agent.state, agent.reason)) : '…'}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {AGENT_CHOICES.map((choice) => (
              <MenuItemRadio key={choice.id} name="agentState" value={choice.id}>
                {t(agentStateKey(choice.state, choice.reason))}
              </MenuItemRadio>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      {error && (
        <Text role="alert" className={styles.error}>
          {t('agent.changeFailed', { message: error })}
        </Text>
      )}
    </div>
  );
}
