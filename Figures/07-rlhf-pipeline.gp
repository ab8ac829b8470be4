# RLHF as this chapter runs it
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 07-rlhf-pipeline.gp
set terminal pngcairo size 1100,420 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '07-rlhf-pipeline.png'
set termoption noenhanced
set title 'RLHF as this chapter runs it' font ',15'
set xlabel ''
set ylabel ''
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
unset border
unset tics
unset grid
unset key
set xrange [0:100]
set yrange [0:40]
set object rect from 1.5,25.0 to 18.5,35.0 fc rgb '#eeeeee' fs solid border lc rgb '#555555'
set label 'chapter 3'."'".'s' at 10.0,31.3 center front
set label 'pretrained model' at 10.0,28.7 center front
set object rect from 22.5,25.0 to 39.5,35.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'SFT policy' at 31.0,31.3 center front
set label '(demonstrations)' at 31.0,28.7 center front
set object rect from 43.5,25.0 to 60.5,35.0 fc rgb '#fde8e8' fs solid border lc rgb '#555555'
set label 'pairs of answers' at 52.0,32.6 center front
set label 'labelled by the' at 52.0,30.0 center front
set label 'hidden human' at 52.0,27.4 center front
set object rect from 64.5,25.0 to 81.5,35.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'reward model' at 73.0,31.3 center front
set label '(Bradley–Terry)' at 73.0,28.7 center front
set object rect from 22.5,5.0 to 39.5,15.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'best-of-n' at 31.0,11.3 center front
set label '(no training)' at 31.0,8.7 center front
set object rect from 43.5,5.0 to 60.5,15.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'DPO policy' at 52.0,11.3 center front
set label '(loss on pairs)' at 52.0,8.7 center front
set object rect from 64.5,5.0 to 81.5,15.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'PPO policy' at 73.0,11.3 center front
set label '(score − β·KL)' at 73.0,8.7 center front
set object rect from 83.5,5.0 to 100.5,35.0 fc rgb '#fde8e8' fs solid border lc rgb '#555555'
set label 'true reward:' at 92.0,23.9 center front
set label 'the human'."'".'s' at 92.0,21.3 center front
set label 'formula scores' at 92.0,18.7 center front
set label 'every policy' at 92.0,16.1 center front
set arrow from 18.5,30.0 to 22.5,30.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 39.5,30.0 to 43.5,30.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 60.5,30.0 to 64.5,30.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 31.0,25.0 to 31.0,15.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 52.0,25.0 to 52.0,15.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 73.0,25.0 to 73.0,15.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 81.5,10.0 to 83.5,10.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
plot NaN notitle
