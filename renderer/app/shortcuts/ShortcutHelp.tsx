import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../stores/ui-store';
import { SHORTCUTS, SHORTCUT_GROUPS, comboLabel } from './registry';
import type { KeyCombo } from './registry';

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse', marginBottom: tokens.spacingVerticalL },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, padding: `${tokens.spacingVerticalS} 0` },
  cell: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, textAlign: 'left' },
  kbd: {
    fontFamily: tokens.fontFamilyMonospace,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

/** F1: every shortcut, grouped, straight from the registry the key handler uses. */
export default function ShortcutHelp() {
  const { t } = useTranslation();
  const styles = useStyles();
  const setHelpOpen = useUiStore((state) => state.setHelpOpen);
  return (
    <Dialog open onOpenChange={(_, data) => setHelpOpen(data.open)}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t('help.title')}</DialogTitle>
          {/* Focusable so the list scrolls from the keyboard on a small screen. */}
          <DialogContent tabIndex={0}>
            {SHORTCUT_GROUPS.map((group) => (
              <table key={group} className={styles.table}>
                <caption className={styles.caption}>{t(`help.group.${group}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col" className={styles.cell}>
                      {t('help.action')}
                    </th>
                    <th scope="col" className={styles.cell}>
                      {t('help.keys')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
                    <tr key={shortcut.id}>
                      <td className={styles.cell}>{t(`shortcut.${shortcut.id}`)}</td>
                      <td className={styles.cell}>
                        {shortcut.keys.map((combo: KeyCombo, index) => (
                          <Fragment key={comboLabel(combo)}>
                            {index > 0 && ` ${t('help.or')} `}
                            <kbd className={styles.kbd}>{comboLabel(combo)}</kbd>
                          </Fragment>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => setHelpOpen(false)}>
              {t('common.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
