# PPO with β = 0: learned and true reward
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 07-rlhf-overoptimisation.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '07-rlhf-overoptimisation.png'
set termoption noenhanced
set title 'PPO with β = 0: learned and true reward' font ',15'
set xlabel 'PPO step'
set ylabel 'change from SFT (SFT answers'."'".' standard deviations)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom left box lc rgb '#bbbbbb' opaque
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
plot '07-rlhf-overoptimisation.dat' index 0 using 1:2:3 with yerrorlines lt 1 title 'learned reward (reward model)', \
     '07-rlhf-overoptimisation.dat' index 1 using 1:2:3 with yerrorlines lt 2 title 'true reward (hidden human)', \
     '07-rlhf-overoptimisation.dat' index 2 using 1:2:3 with yerrorlines lt 3 dt 2 title 'PPO β = 0.10, learned reward (mean of seeds)', \
     '07-rlhf-overoptimisation.dat' index 3 using 1:2:3 with yerrorlines lt 4 dt 2 title 'PPO β = 0.10, true reward (mean of seeds)'
