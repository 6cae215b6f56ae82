import { Button, Field, Input, Listbox, Option, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferTarget } from '../../../preload/contract';
import { bridge } from '../../bridge';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** A number, or a city unit from the directory, to transfer to: at once (blind) or after a consultation. */
export function TransferPicker({ onBlind, onConsult }: { onBlind(target: string, name: string): void | Promise<void>; onConsult(target: string): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [entries, setEntries] = useState<TransferTarget[]>([]);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      bridge()
        .request('softphone.directory', { query: target, limit: 20 })
        .then(
          (list) => alive && setEntries(list),
          () => alive && setEntries([]),
        );
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [target]);

  const pick = (entry: TransferTarget): void => {
    setTarget(entry.sipUri ?? entry.phone ?? '');
    setName(entry.name);
  };

  return (
    <div className={styles.wrap}>
      <Field label={t('softphone.transfer.target')} hint={t('softphone.transfer.hint')}>
        <Input
          value={target}
          onChange={(_, data) => {
            setTarget(data.value);
            setName('');
          }}
          data-testid="transfer-target"
        />
      </Field>
      {entries.length > 0 && (
        <Listbox aria-label={t('softphone.transfer.directory')} data-testid="transfer-directory">
          {entries.map((entry) => (
            <Option key={entry.id} value={entry.id} text={entry.name} onClick={() => pick(entry)}>
              {`${entry.name}${entry.phone ? ` (${entry.phone})` : ''}`}
            </Option>
          ))}
        </Listbox>
      )}
      <div className={styles.actions}>
        <Button disabled={target.trim() === ''} onClick={() => void onBlind(target, name)} data-testid="transfer-blind">
          {t('softphone.transfer.blind')}
        </Button>
        <Button disabled={target.trim() === ''} onClick={() => onConsult(target)} data-testid="transfer-consult">
          {t('softphone.transfer.consult')}
        </Button>
      </div>
    </div>
  );
}
